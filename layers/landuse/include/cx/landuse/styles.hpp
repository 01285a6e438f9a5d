#pragma once

#include <string_view>

#include "cx/output/layer_style.hpp"

namespace cx::landuse {

/// The conventional map colour ("r,g,b,a") of a first-level class of the 2023 system, in the
/// manner of Chinese spatial-planning maps (farmland pale yellow-green, residential yellow,
/// commercial red, industry brown, transport grey, green space green, water blue); grey for an
/// unknown code.
[[nodiscard]] std::string_view class_colour(std::string_view level1);

/// QGIS style of the `land_take` layer: pieces coloured by first-level class, legend
/// "01 耕地 Cultivated land", …, and grey for codes of other systems.
[[nodiscard]] output::LayerStyle land_take_style();

}  // namespace cx::landuse
