#include "write_behind_vfs.hpp"

#include <sqlite3.h>

#include <condition_variable>
#include <cstddef>
#include <cstring>
#include <deque>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

namespace cx::output::detail {
namespace {

/// Pages handed over, in the order SQLite wrote them, with their bytes one after another.
struct Batch {
  struct Piece {
    sqlite3_int64 offset = 0;
    int size = 0;
  };
  std::vector<Piece> pieces;
  std::vector<unsigned char> bytes;
};

/// The pages of one open file on their way to it, and the thread that writes them.
class PageWriter {
public:
  explicit PageWriter(sqlite3_file* file) : m_file(file), m_thread([this] { run(); }) {}

  ~PageWriter() {
    (void)drain();
    {
      const std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
  }

  PageWriter(const PageWriter&) = delete;
  PageWriter& operator=(const PageWriter&) = delete;

  /// Copies the page into the batch being filled; hands the batch over once it is full.
  /// SQLite's error code: of this call, or of a write of the thread that failed before.
  int write(const void* data, int size, sqlite3_int64 offset) {
    const std::size_t before = m_filling.bytes.size();
    try {
      const auto* bytes = static_cast<const unsigned char*>(data);
      m_filling.bytes.insert(m_filling.bytes.end(), bytes, bytes + size);
      m_filling.pieces.push_back({offset, size});
    } catch (...) {
      m_filling.bytes.resize(before);  // the batch stays whole: no piece without its bytes
      return SQLITE_IOERR_NOMEM;
    }
    return hand_over(m_filling.bytes.size() >= batch_bytes ? Wait::for_room : Wait::no);
  }

  /// Waits until every page handed over is in the file; the first write error, if any.
  int drain() { return hand_over(Wait::until_written); }

private:
  static constexpr std::size_t batch_bytes = std::size_t{1} << 20;
  // At most this many full batches wait for the thread: SQLite's own page cache bounds the
  // rest, so memory stays small however large the file grows.
  static constexpr std::size_t max_waiting = 16;
  static constexpr sqlite3_int64 max_run_bytes = 64 * 1024;

  enum class Wait { no, for_room, until_written };

  // Queues the batch being filled (unless `wait` is no), waiting for room in the queue; with
  // until_written, also until the queue is written. The first write error, if any. Nothing is
  // thrown: this runs under SQLite's C frames.
  int hand_over(Wait wait) noexcept {
    try {
      std::unique_lock lock(m_mutex);
      if (wait != Wait::no && !m_filling.pieces.empty()) {
        m_changed.wait(lock, [this] { return m_waiting.size() < max_waiting; });
        m_waiting.push_back(std::move(m_filling));
        m_filling = Batch{};
        if (!m_spare.empty()) {
          m_filling = std::move(m_spare.back());
          m_spare.pop_back();
        }
        m_changed.notify_all();
      }
      if (wait == Wait::until_written) {
        m_changed.wait(lock, [this] { return m_waiting.empty() && !m_writing; });
      }
      return m_error;
    } catch (...) {  // no memory for the queue, or a broken mutex
      return SQLITE_IOERR_NOMEM;
    }
  }

  void run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_changed.wait(lock, [this] { return m_stop || !m_waiting.empty(); });
      if (m_waiting.empty()) return;
      Batch batch = std::move(m_waiting.front());
      m_waiting.pop_front();
      m_writing = true;
      const bool failed = m_error != SQLITE_OK;
      lock.unlock();
      const int rc = failed ? SQLITE_OK : write_out(batch);
      batch.pieces.clear();
      batch.bytes.clear();
      lock.lock();
      if (m_error == SQLITE_OK) m_error = rc;
      try {
        m_spare.push_back(std::move(batch));
      } catch (...) {  // no memory to keep it: it is freed instead
      }
      m_writing = false;
      m_changed.notify_all();
    }
  }

  // Writes the batch's pages, each run of adjacent ones in one call of at most 64 KiB (the
  // default VFS writes at most 128 KiB - 1 bytes a call).
  int write_out(const Batch& batch) const {
    const unsigned char* data = batch.bytes.data();
    for (std::size_t i = 0; i < batch.pieces.size();) {
      const sqlite3_int64 offset = batch.pieces[i].offset;
      sqlite3_int64 size = batch.pieces[i].size;
      std::size_t j = i + 1;
      while (j < batch.pieces.size() && batch.pieces[j].offset == offset + size &&
             size + batch.pieces[j].size <= max_run_bytes) {
        size += batch.pieces[j++].size;
      }
      const int rc = m_file->pMethods->xWrite(m_file, data, static_cast<int>(size), offset);
      if (rc != SQLITE_OK) return rc;
      data += size;
      i = j;
    }
    return SQLITE_OK;
  }

  sqlite3_file* m_file;
  Batch m_filling;  // only SQLite's thread touches it
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Batch> m_waiting;
  std::vector<Batch> m_spare;  // written batches, kept for their memory
  bool m_writing = false;
  bool m_stop = false;
  int m_error = SQLITE_OK;
  std::thread m_thread;  // last: it starts once the rest is made
};

/// An open file: the default VFS's file follows this header in the same allocation.
struct File {
  sqlite3_file base;
  sqlite3_file* inner;
  PageWriter* writer;  // only on main database files; other files pass straight through
};

sqlite3_vfs* inner_vfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }
File& as_file(sqlite3_file* f) { return *reinterpret_cast<File*>(f); }
sqlite3_file* inner(sqlite3_file* f) { return as_file(f).inner; }

// Waits for the pages in flight before a call that must see the file as SQLite left it.
int settle(sqlite3_file* f) {
  PageWriter* writer = as_file(f).writer;
  return writer == nullptr ? SQLITE_OK : writer->drain();
}

int file_close(sqlite3_file* f) {
  delete as_file(f).writer;  // writes what is left
  as_file(f).writer = nullptr;
  return inner(f)->pMethods->xClose(inner(f));
}

int file_read(sqlite3_file* f, void* data, int size, sqlite3_int64 offset) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xRead(inner(f), data, size, offset);
}

int file_write(sqlite3_file* f, const void* data, int size, sqlite3_int64 offset) {
  if (PageWriter* writer = as_file(f).writer) return writer->write(data, size, offset);
  return inner(f)->pMethods->xWrite(inner(f), data, size, offset);
}

int file_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xTruncate(inner(f), size);
}

int file_sync(sqlite3_file* f, int flags) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xSync(inner(f), flags);
}

int file_size(sqlite3_file* f, sqlite3_int64* size) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xFileSize(inner(f), size);
}

int file_lock(sqlite3_file* f, int level) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xLock(inner(f), level);
}

int file_unlock(sqlite3_file* f, int level) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xUnlock(inner(f), level);
}

int file_check_reserved_lock(sqlite3_file* f, int* out) {
  if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  return inner(f)->pMethods->xCheckReservedLock(inner(f), out);
}

int file_control(sqlite3_file* f, int op, void* arg) {
  // SQLite hints the size each time the file grows, while pages are still being handed over;
  // the hint only reserves space, so it need not wait.
  if (op != SQLITE_FCNTL_SIZE_HINT) {
    if (const int rc = settle(f); rc != SQLITE_OK) return rc;
  }
  return inner(f)->pMethods->xFileControl(inner(f), op, arg);
}

int file_sector_size(sqlite3_file* f) { return inner(f)->pMethods->xSectorSize(inner(f)); }

int file_device_characteristics(sqlite3_file* f) {
  return inner(f)->pMethods->xDeviceCharacteristics(inner(f));
}

// Version 1: no shared memory (the writer keeps no WAL) and no memory-mapped pages.
const sqlite3_io_methods file_methods = {
    1,         file_close,      file_read,         file_write,
    file_truncate, file_sync,   file_size,         file_lock,
    file_unlock,   file_check_reserved_lock, file_control, file_sector_size,
    file_device_characteristics, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};

// The inner file sits after the header, at an offset as aligned as the header's own start.
constexpr int header_size = static_cast<int>((sizeof(File) + alignof(std::max_align_t) - 1) /
                                             alignof(std::max_align_t) * alignof(std::max_align_t));

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  File& file = as_file(f);
  file.base.pMethods = nullptr;  // SQLite closes only files whose open succeeded
  file.inner = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + header_size);
  file.writer = nullptr;
  const int rc = inner_vfs(vfs)->xOpen(inner_vfs(vfs), name, file.inner, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite closes a file that failed to open if it has methods: through this one, then.
    if (file.inner->pMethods != nullptr) file.base.pMethods = &file_methods;
    return rc;
  }
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) {
    try {
      file.writer = new PageWriter(file.inner);
    } catch (...) {  // no memory, or no thread
      file.inner->pMethods->xClose(file.inner);
      return SQLITE_CANTOPEN;
    }
  }
  file.base.pMethods = &file_methods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return inner_vfs(vfs)->xDelete(inner_vfs(vfs), name, sync_dir);
}

int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return inner_vfs(vfs)->xAccess(inner_vfs(vfs), name, flags, out);
}

int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return inner_vfs(vfs)->xFullPathname(inner_vfs(vfs), name, size, out);
}

sqlite3_vfs* make_vfs() {
  sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
  static sqlite3_vfs vfs = *base;  // the rest (randomness, time, ...) is the default VFS's
  vfs.szOsFile = header_size + base->szOsFile;
  vfs.zName = "crossaxis-write-behind";
  vfs.pAppData = base;
  vfs.xOpen = vfs_open;
  vfs.xDelete = vfs_delete;
  vfs.xAccess = vfs_access;
  vfs.xFullPathname = vfs_full_pathname;
  sqlite3_vfs_register(&vfs, 0);
  return &vfs;
}

}  // namespace

const char* write_behind_vfs() {
  static const sqlite3_vfs* vfs = make_vfs();
  return vfs->zName;
}

int finish_writes(sqlite3_file* file) {
  if (file == nullptr || file->pMethods != &file_methods) return SQLITE_OK;
  return settle(file);
}

}  // namespace cx::output::detail
