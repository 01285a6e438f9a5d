#pragma once

#include <vector>

#include "cx/output/layer_style.hpp"

namespace cx::roads {

/// QGIS style of the `row` layer: proposals' rights-of-way red, existing roads' grey.
[[nodiscard]] output::LayerStyle row_style();

/// QGIS style of the `network_edges` layer, graduated by betweenness in quintiles of
/// `betweenness` (the values written): wider and redder where more quickest paths pass.
[[nodiscard]] output::LayerStyle network_edges_style(std::vector<double> betweenness);

}  // namespace cx::roads
