#include "cx/overlay/right_of_way.hpp"

#include "parallel.hpp"

namespace cx::overlay {
namespace {

// `line` is the road's centre line, or a copy of it owned by the calling thread's context.
RightOfWay right_of_way(const geom::Geometry& line, const roads::Road& road, std::size_t index) {
  geom::Geometry polygon = line.buffer_flat(road.width_m / 2.0);
  const double area_m2 = polygon.area();
  return RightOfWay{.road_index = index, .polygon = std::move(polygon), .area_m2 = area_m2};
}

}  // namespace

std::vector<RightOfWay> build_rights_of_way(const std::vector<const roads::Road*>& roads) {
  std::vector<RightOfWay> out;
  out.reserve(roads.size());
  for (std::size_t i = 0; i < roads.size(); ++i) {
    out.push_back(right_of_way(roads[i]->geometry, *roads[i], i));
  }
  return out;
}

std::vector<RightOfWay> build_rights_of_way(const std::vector<const roads::Road*>& roads,
                                            std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                                            unsigned threads) {
  std::vector<RightOfWay> out(roads.size());
  detail::parallel_for(roads.size(), contexts, threads,
                       [&](std::size_t i, const geom::GeosContext& ctx) {
                         out[i] = right_of_way(roads[i]->geometry.clone(ctx), *roads[i], i);
                       });
  return out;
}

}  // namespace cx::overlay
