#pragma once

#include <optional>
#include <string>

#include "cx/core/extent.hpp"
#include "cx/crs/crs.hpp"

namespace cx::crs {

/// Checks that a layer's extent can really be in `crs`: degrees in a projected layer,
/// zone-prefixed Gauss-Krüger eastings (above 1 000 000 m where the false easting is 500 000 m),
/// values beyond ±180/±90 in a geographic layer, or an extent far outside the CRS's area of use.
/// Returns a sentence explaining the problem and what to do, or nothing when plausible.
[[nodiscard]] std::optional<std::string> check_extent_plausible(const Crs& crs, const Extent& extent);

/// How far (degrees) an extent may reach beyond a CRS's published area of use before it is
/// refused: data often spills a little over a zone edge, but not by a whole zone.
inline constexpr double area_of_use_margin_deg = 1.0;

}  // namespace cx::crs
