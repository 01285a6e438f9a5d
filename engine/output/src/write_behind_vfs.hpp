#pragma once

// An SQLite VFS that writes a database's pages to disk on a thread of its own.
//
// Writing a large GeoPackage is SQLite's work on one thread, and a third of that thread's time
// went into the kernel copying each evicted page into the page cache (write(2)). This VFS takes
// a page, copies it into a memory batch and returns; a second thread hands the batches to the
// default VFS in the order SQLite wrote them. Whatever needs the file as SQLite left it (a read,
// the file's size, a truncation, a sync, a lock, a file control other than a size hint) first
// waits until every page handed over is written, so SQLite reads what it wrote.
//
// Made for the GeoPackage writer's database: journal_mode = OFF, a temporary file that is
// thrown away on any failure. It is also right with a rollback journal and synchronous =
// NORMAL or FULL (the sync before the journal goes waits for the pages), but not with a
// rollback journal and synchronous = OFF: SQLite may then remove the journal while the last
// pages are still on their way, so a crash or a failed write in that moment could not be
// rolled back. Only the main database file is written behind; a journal file is not.
//
// A failed write (the disk filled up) is reported on the next call that SQLite makes, and by
// finish_writes(), which the owner calls before closing: the close itself cannot report it.

struct sqlite3_file;

namespace cx::output::detail {

/// The name to open databases with (registered on first use; it wraps the default VFS).
[[nodiscard]] const char* write_behind_vfs();

/// Waits until every page handed to `file` (a main database file opened through the VFS) is
/// written; returns SQLITE_OK or the SQLite error code of the first write that failed.
[[nodiscard]] int finish_writes(sqlite3_file* file);

}  // namespace cx::output::detail
