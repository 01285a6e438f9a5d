#include "cx/schema/field_conversion.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace cx::schema {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = std::find_if_not(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isspace(c) != 0; });
  const auto last = std::find_if_not(text.rbegin(), text.rend(),
                                     [](unsigned char c) { return std::isspace(c) != 0; });
  return first < last.base() ? std::string(first, last.base()) : std::string();
}

std::optional<double> parse_real(const std::string& raw) {
  const std::string text = trimmed(raw);
  double out = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(out)) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::int64_t> parse_integer(const std::string& raw) {
  const std::string text = trimmed(raw);
  std::int64_t out = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return out;
}

std::optional<std::int64_t> parse_boolean(const std::string& raw) {
  std::string text = trimmed(raw);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text == "1" || text == "true" || text == "yes" || text == "y" || text == "t") return 1;
  if (text == "0" || text == "false" || text == "no" || text == "n" || text == "f") return 0;
  return std::nullopt;
}

std::optional<io::FieldValue> from_integer(std::int64_t v, FieldType type) {
  switch (type) {
    case FieldType::Text: return std::to_string(v);
    case FieldType::Integer: return v;
    case FieldType::Real: return static_cast<double>(v);
    case FieldType::Boolean:
      if (v == 0 || v == 1) return v;
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<io::FieldValue> from_real(double v, FieldType type) {
  if (!std::isfinite(v)) return std::nullopt;
  switch (type) {
    case FieldType::Text: return fmt::format("{}", v);
    case FieldType::Real: return v;
    case FieldType::Integer:
    case FieldType::Boolean:
      if (v != std::trunc(v) || std::abs(v) > 9.0e15) return std::nullopt;
      return from_integer(static_cast<std::int64_t>(v), type);
  }
  return std::nullopt;
}

std::optional<io::FieldValue> from_text(const std::string& v, FieldType type) {
  switch (type) {
    case FieldType::Text: return v;
    case FieldType::Real:
      if (auto parsed = parse_real(v)) return *parsed;
      return std::nullopt;
    case FieldType::Integer:
      if (auto parsed = parse_integer(v)) return *parsed;
      if (auto real = parse_real(v)) return from_real(*real, type);
      return std::nullopt;
    case FieldType::Boolean:
      if (auto parsed = parse_boolean(v)) return *parsed;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<io::FieldValue> convert_value(const io::FieldValue& value, FieldType type) {
  if (io::is_null(value)) return value;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return from_integer(*i, type);
  if (const auto* d = std::get_if<double>(&value)) return from_real(*d, type);
  const auto& text = std::get<std::string>(value);
  // An empty string in a numeric field is a missing value, as most GIS tools write it.
  if (type != FieldType::Text && trimmed(text).empty()) return io::FieldValue{};
  return from_text(text, type);
}

std::string quote_value(const io::FieldValue& value) {
  if (io::is_null(value)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  return "'" + std::get<std::string>(value) + "'";
}

}  // namespace cx::schema
