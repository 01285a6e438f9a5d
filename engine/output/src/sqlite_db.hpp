#pragma once

// A thin RAII layer over the SQLite C API, private to the GeoPackage writer: one connection,
// prepared statements, and every failure turned into cx::IoError with SQLite's own message.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cx::output::detail {

class SqliteDb;

/// A prepared statement. Bind values (1-based), step, reset, repeat.
class Statement {
public:
  Statement(SqliteDb& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind_null(int index);
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  /// The text must stay alive until the next step(): it is not copied.
  void bind(int index, std::string_view text);
  /// The bytes must stay alive until the next step(): they are not copied.
  void bind_blob(int index, std::span<const std::uint8_t> bytes);

  /// Runs the statement to completion (for statements that return no rows), then resets it.
  void execute();
  /// Steps once; true while there is a row to read.
  bool next_row();
  [[nodiscard]] std::int64_t column_int64(int index) const;

private:
  SqliteDb& m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

/// One read-write connection to a database file that it creates. Errors name `shown_as` (the
/// file the user asked for) rather than `path` (a temporary file beside it).
class SqliteDb {
public:
  SqliteDb(const std::filesystem::path& path, std::filesystem::path shown_as);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  /// Runs one or more statements that return no rows.
  void exec(const std::string& sql);
  /// Closes the connection, reporting a failure (e.g. the disk filled up on the last write).
  void close();

  [[nodiscard]] sqlite3* handle() const noexcept { return m_db; }
  /// Throws cx::IoError "<what>: <SQLite's message>" naming the file.
  [[noreturn]] void fail(const std::string& what) const;

private:
  std::filesystem::path m_shown_as;
  sqlite3* m_db = nullptr;
};

/// `name` as an SQL identifier in double quotes, inner quotes doubled.
[[nodiscard]] std::string quote_identifier(std::string_view name);
/// `text` as an SQL string literal in single quotes, inner quotes doubled.
[[nodiscard]] std::string quote_literal(std::string_view text);

}  // namespace cx::output::detail
