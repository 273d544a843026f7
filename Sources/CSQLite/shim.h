// The one C header of the package: SQLite's public API and its FTS5 extension API.
// Only the VietSearchSQLite module imports this.
#include <sqlite3.h>
