// The one C header of the package: SQLite's public API (including the FTS5 extension API) and the
// loadable-extension routines table. Only the VietSearchSQLite and VietSearchExtension modules
// import this.
#include <sqlite3.h>

// sqlite3_log is variadic, which Swift cannot call: these pass one message through "%s".
// Defined before sqlite3ext.h, whose macros would route sqlite3_log through an extension's table.
static inline void vietsearch_log(int code, const char *message) {
    sqlite3_log(code, "%s", message);
}

#include <sqlite3ext.h>

// The same, for a loaded extension: through the routines table SQLite handed it.
static inline void vietsearch_log_through(const sqlite3_api_routines *routines, int code, const char *message) {
    if (routines && routines->log) routines->log(code, "%s", message);
}
