#include "sqlite_db.hpp"

#include <sqlite3.h>

#include "cx/core/error.hpp"
#include "write_behind_vfs.hpp"

namespace cx::output::detail {

SqliteDb::SqliteDb(const std::filesystem::path& path, std::filesystem::path shown_as)
    : m_shown_as(std::move(shown_as)) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, write_behind_vfs()) != SQLITE_OK) {
    const std::string message = m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw IoError("cannot create the output GeoPackage: " + message,
                  ErrorContext{.path = m_shown_as.string()});
  }
  sqlite3_extended_result_codes(m_db, 1);
}

SqliteDb::~SqliteDb() {
  if (m_db != nullptr) sqlite3_close_v2(m_db);
}

void SqliteDb::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : sqlite3_errmsg(m_db);
    sqlite3_free(error);
    throw IoError("cannot write the GeoPackage: " + message, ErrorContext{.path = m_shown_as.string()});
  }
}

void SqliteDb::close() {
  if (m_db == nullptr) return;
  // Pages may still be on their way to the file. SQLite's commit waits for them today (a file
  // control it sends at the end does), but nothing promises it; a close could not report their
  // failure.
  sqlite3_file* file = nullptr;
  sqlite3_file_control(m_db, "main", SQLITE_FCNTL_FILE_POINTER, static_cast<void*>(&file));
  if (const int rc = finish_writes(file); rc != SQLITE_OK) {
    throw IoError(std::string("cannot write the GeoPackage: ") + sqlite3_errstr(rc),
                  ErrorContext{.path = m_shown_as.string()});
  }
  if (sqlite3_close(m_db) != SQLITE_OK) fail("cannot close the GeoPackage");
  m_db = nullptr;
}

void SqliteDb::fail(const std::string& what) const {
  throw IoError(what + ": " + (m_db != nullptr ? sqlite3_errmsg(m_db) : "no connection"),
                ErrorContext{.path = m_shown_as.string()});
}

Statement::Statement(SqliteDb& db, std::string_view sql) : m_db(db) {
  if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt,
                         nullptr) != SQLITE_OK) {
    db.fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

void Statement::bind_null(int index) { sqlite3_bind_null(m_stmt, index); }

void Statement::bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); }

void Statement::bind(int index, double value) { sqlite3_bind_double(m_stmt, index, value); }

void Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

void Statement::execute() {
  const int rc = sqlite3_step(m_stmt);
  sqlite3_reset(m_stmt);
  if (rc != SQLITE_DONE) m_db.fail("cannot write the GeoPackage");
}

bool Statement::next_row() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  sqlite3_reset(m_stmt);
  if (rc != SQLITE_DONE) m_db.fail("cannot read back from the GeoPackage");
  return false;
}

std::int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(m_stmt, index); }

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

}  // namespace cx::output::detail
