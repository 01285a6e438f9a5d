#include "cx/overlay/right_of_way.hpp"

namespace cx::overlay {

std::vector<RightOfWay> build_rights_of_way(const std::vector<const roads::Road*>& roads) {
  std::vector<RightOfWay> out;
  out.reserve(roads.size());
  for (std::size_t i = 0; i < roads.size(); ++i) {
    geom::Geometry polygon = roads[i]->geometry.buffer_flat(roads[i]->width_m / 2.0);
    const double area_m2 = polygon.area();
    out.push_back(RightOfWay{.road_index = i, .polygon = std::move(polygon), .area_m2 = area_m2});
  }
  return out;
}

}  // namespace cx::overlay
