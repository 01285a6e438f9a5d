#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "cx/core/error.hpp"

namespace cx::scenario::detail {

/// Reads one TOML table strictly: each key is read at most once with the type it must have,
/// and finish() rejects every key nobody asked for. Errors name the file, line and full key.
class TomlTableReader {
public:
  TomlTableReader(const toml::table& table, std::string prefix, std::filesystem::path file);

  [[nodiscard]] std::optional<std::string> text(const std::string& key);
  [[nodiscard]] std::string required_text(const std::string& key);
  [[nodiscard]] std::optional<double> number(const std::string& key);
  [[nodiscard]] std::vector<std::string> text_list(const std::string& key);
  /// A sub-table (nothing when absent).
  [[nodiscard]] std::optional<TomlTableReader> table(const std::string& key);
  /// All keys of this table with string values, in key order (for field mappings).
  [[nodiscard]] std::map<std::string, std::string> all_text();
  /// Whether the table has the key (does not count as reading it).
  [[nodiscard]] bool has(const std::string& key) const { return m_table.contains(key); }
  /// Keys of this table in sorted order.
  [[nodiscard]] std::vector<std::string> keys() const;

  /// Throws cx::ConfigError for the first key that was never read.
  void finish() const;

  [[nodiscard]] ErrorContext where(const std::string& key) const;
  [[nodiscard]] ErrorContext where() const;
  [[nodiscard]] std::string full_key(const std::string& key) const;

private:
  const toml::node* take(const std::string& key);
  [[noreturn]] void wrong_type(const std::string& key, const char* expected) const;

  const toml::table& m_table;
  std::string m_prefix;
  std::filesystem::path m_file;
  std::set<std::string> m_read;
};

/// Parses a TOML file; a syntax error becomes cx::ConfigError with the file and line.
[[nodiscard]] toml::table parse_toml_file(const std::filesystem::path& file);

}  // namespace cx::scenario::detail
