// The one C header of the package: SQLite's public API (including the FTS5 extension API) and the
// loadable-extension routines table. Only the VietSearchSQLite and VietSearchExtension modules
// import this.
#include <sqlite3.h>

// sqlite3_log is variadic, which Swift cannot call: these pass one message through "%s".
// Defined before sqlite3ext.h, whose macros would route sqlite3_log through an extension's table.
static inline void vietsearch_log(int code, const char *message) {
    sqlite3_log(code, "%s", message);
}

// sqlite3_config is variadic as well. SQLite's memory statistics (on unless built otherwise)
// take one process-wide mutex at every allocation, which connections searching on two threads
// contend for; nothing here reads them. Returns SQLITE_MISUSE, changing nothing, once SQLite
// is initialized.
static inline int vietsearch_turn_off_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#include <sqlite3ext.h>

// The same, for a loaded extension: through the routines table SQLite handed it.
static inline void vietsearch_log_through(const sqlite3_api_routines *routines, int code, const char *message) {
    if (routines && routines->log) routines->log(code, "%s", message);
}
