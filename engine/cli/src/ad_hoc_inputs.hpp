#pragma once

// What the ad-hoc commands (overlay, network) share: the working-CRS rule and field mapping.

#include <string>

#include "cx/schema/layer_schema.hpp"

namespace cx::cli {

/// The working CRS: `given` (--crs) when set, else the roads layer's own CRS when it is
/// projected; otherwise an error that asks for --crs.
[[nodiscard]] std::string working_crs(const std::string& given, const std::string& roads,
                                      const std::string& layer);

/// Maps the logical field `logical` to the user's field `source`, when one was given.
void map_if_given(schema::FieldMapping& fields, const char* logical, const std::string& source);

}  // namespace cx::cli
