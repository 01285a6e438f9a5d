#pragma once

#include <vector>

#include "cx/output/layer_style.hpp"

namespace cx::zones {

/// QGIS style of the `service_areas` layer: one class per time break (minutes), the shortest
/// darkest.
[[nodiscard]] output::LayerStyle service_areas_style(const std::vector<double>& breaks_min);

}  // namespace cx::zones
