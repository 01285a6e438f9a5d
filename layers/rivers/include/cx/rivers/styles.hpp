#pragma once

#include "cx/output/layer_style.hpp"

namespace cx::rivers {

/// QGIS style of the `crossings` layer: river crossings blue, ecological-corridor passages green.
[[nodiscard]] output::LayerStyle crossings_style();

}  // namespace cx::rivers
