#pragma once

#include "cx/output/layer_style.hpp"

namespace cx::constraints {

/// QGIS style of the `conflicts` layer: one colour per kind of protected zone and relation
/// (basic farmland red, ecological red line dark green, flood risk blue, outside the urban
/// development boundary orange, inside it pale).
[[nodiscard]] output::LayerStyle conflicts_style();

}  // namespace cx::constraints
