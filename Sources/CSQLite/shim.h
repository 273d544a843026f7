// The one C header of the package: SQLite's public API (including the FTS5 extension API) and the
// loadable-extension routines table. Only the VietSearchSQLite and VietSearchExtension modules
// import this.
#include <sqlite3.h>
#include <sqlite3ext.h>
