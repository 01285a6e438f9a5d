#pragma once

#include <string>
#include <vector>

#include "cx/schema/layer_loader.hpp"

namespace cx::schema {

/// Stable keys for the features of a loaded layer: the value of `id_field` where the layer has
/// one, else "<layer>:<fid>" so keys survive re-runs of the same source. Throws cx::InputError
/// naming both features when two share a key.
[[nodiscard]] std::vector<std::string> feature_keys(const LoadedLayer& layer,
                                                    const std::string& id_field);

}  // namespace cx::schema
