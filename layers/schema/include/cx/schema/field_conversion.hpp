#pragma once

#include <optional>
#include <string>

#include "cx/io/field_value.hpp"
#include "cx/schema/layer_schema.hpp"

namespace cx::schema {

/// Converts a source value to a domain field type, strictly: "12.5" is a number, "12 m" or
/// "wide" is not; 1.5 is not an integer. Booleans accept 1/0, true/false, yes/no, y/n, t/f.
/// Returns nothing when the value cannot be converted; null stays null (monostate).
/// Text becomes std::string, Integer and Boolean std::int64_t, Real double.
[[nodiscard]] std::optional<io::FieldValue> convert_value(const io::FieldValue& value,
                                                          FieldType type);

/// A value as the user would write it, for messages: `'abc'`, `12.5`, `NULL`.
[[nodiscard]] std::string quote_value(const io::FieldValue& value);

}  // namespace cx::schema
