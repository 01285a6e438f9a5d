#pragma once

#include <vector>

#include "cx/output/layer_style.hpp"

namespace cx::corridors {

/// QGIS style of the `corridor_patches` layer, graduated by area in quintiles of `areas_ha`
/// (the values written): large patches dark green, small fragments pale.
[[nodiscard]] output::LayerStyle corridor_patches_style(std::vector<double> areas_ha);

}  // namespace cx::corridors
