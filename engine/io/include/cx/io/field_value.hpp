#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace cx::io {

/// One attribute value as read from or written to a dataset: null, integer, real or text.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

[[nodiscard]] inline bool is_null(const FieldValue& v) {
  return std::holds_alternative<std::monostate>(v);
}

}  // namespace cx::io
