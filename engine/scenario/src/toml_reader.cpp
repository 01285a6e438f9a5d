#include "toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace cx::scenario::detail {

TomlTableReader::TomlTableReader(const toml::table& table, std::string prefix,
                                 std::filesystem::path file)
    : m_table(table), m_prefix(std::move(prefix)), m_file(std::move(file)) {}

std::string TomlTableReader::full_key(const std::string& key) const {
  return m_prefix.empty() ? key : m_prefix + "." + key;
}

ErrorContext TomlTableReader::where(const std::string& key) const {
  ErrorContext context{.path = m_file.string(), .key = full_key(key)};
  if (const toml::node* node = m_table.get(key)) {
    context.line = static_cast<long>(node->source().begin.line);
  }
  return context;
}

ErrorContext TomlTableReader::where() const {
  ErrorContext context{.path = m_file.string(), .key = m_prefix};
  if (m_table.source().begin.line > 0) context.line = static_cast<long>(m_table.source().begin.line);
  return context;
}

const toml::node* TomlTableReader::take(const std::string& key) {
  m_read.insert(key);
  return m_table.get(key);
}

void TomlTableReader::wrong_type(const std::string& key, const char* expected) const {
  throw ConfigError(std::string("expected ") + expected, where(key));
}

std::optional<std::string> TomlTableReader::text(const std::string& key) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) wrong_type(key, "a string (in quotes)");
  return *node->value<std::string>();
}

std::string TomlTableReader::required_text(const std::string& key) {
  auto value = text(key);
  if (!value) throw ConfigError("missing required key", where(key));
  return *value;
}

std::optional<double> TomlTableReader::number(const std::string& key) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_number()) wrong_type(key, "a number");
  const double value = *node->value<double>();
  // TOML has nan and inf; no setting means either, and NaN passes every range check.
  if (!std::isfinite(value)) wrong_type(key, "a finite number");
  return value;
}

std::vector<std::string> TomlTableReader::text_list(const std::string& key) {
  const toml::node* node = take(key);
  std::vector<std::string> out;
  if (node == nullptr) return out;
  const toml::array* array = node->as_array();
  if (array == nullptr) wrong_type(key, "a list of strings, e.g. [\"a\", \"b\"]");
  for (const auto& item : *array) {
    if (!item.is_string()) wrong_type(key, "a list of strings, e.g. [\"a\", \"b\"]");
    out.push_back(*item.value<std::string>());
  }
  return out;
}

std::optional<TomlTableReader> TomlTableReader::table(const std::string& key) {
  const toml::node* node = take(key);
  if (node == nullptr) return std::nullopt;
  const toml::table* sub = node->as_table();
  if (sub == nullptr) wrong_type(key, "a table ([section])");
  return TomlTableReader(*sub, full_key(key), m_file);
}

std::map<std::string, std::string> TomlTableReader::all_text() {
  std::map<std::string, std::string> out;
  for (const auto& key : keys()) out[key] = required_text(key);
  return out;
}

std::vector<std::string> TomlTableReader::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, node] : m_table) out.emplace_back(key.str());
  std::sort(out.begin(), out.end());
  return out;
}

void TomlTableReader::finish() const {
  for (const auto& [key, node] : m_table) {
    const std::string name(key.str());
    if (m_read.count(name) == 0) {
      ErrorContext context = where(name);
      context.line = static_cast<long>(key.source().begin.line);
      throw ConfigError("unknown key", context);
    }
  }
}

toml::table parse_toml_file(const std::filesystem::path& file) {
  const ErrorContext where{.path = file.string()};
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read the scenario file", where);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return toml::parse(text.str(), file.string());
  } catch (const toml::parse_error& e) {
    ErrorContext context = where;
    context.line = static_cast<long>(e.source().begin.line);
    throw ConfigError("TOML syntax error: " + std::string(e.description()), context);
  }
}

}  // namespace cx::scenario::detail
