#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::overlay {

/// The red-line corridor of one road feature: its centre line buffered by half the red-line
/// width, flat at the ends (so consecutive segments of one road abut without overlap).
struct RightOfWay {
  std::size_t road_index = 0;  ///< position in the road list it was built from
  geom::Geometry polygon;      ///< (Multi)Polygon in the working CRS
  double area_m2 = 0.0;
};

/// Builds one right-of-way per road, in road order (roads borrowed). Width from the road (feature value or
/// class default, see roads::Road::width_m). Each polygon is made in the road's own context.
[[nodiscard]] std::vector<RightOfWay> build_rights_of_way(
    const std::vector<const roads::Road*>& roads);

/// The same on `threads` threads (0 = all cores); the polygons are made in worker contexts
/// appended to `contexts`, which must outlive them.
[[nodiscard]] std::vector<RightOfWay> build_rights_of_way(
    const std::vector<const roads::Road*>& roads,
    std::vector<std::unique_ptr<geom::GeosContext>>& contexts, unsigned threads);

}  // namespace cx::overlay
