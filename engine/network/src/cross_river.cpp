#include "cx/network/cross_river.hpp"

#include <algorithm>
#include <cmath>

#include "cx/geom/prepared_geometry.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/network/shortest_paths.hpp"

namespace cx::network {
namespace {

std::vector<EdgeId> crossing_links(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                   const geom::Geometry& river) {
  std::vector<EdgeId> out;
  const Extent box = river.extent();
  const geom::PreparedGeometry prepared(river);
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    const geom::Geometry line = edge_geometry(graph, lines, EdgeId(i));
    if (!line.extent().intersects(box) || !prepared.intersects(line)) continue;
    if (line.crosses(river)) out.emplace_back(i);
  }
  return out;
}

// Points where the straight line a–b meets the river.
std::size_t meetings(const geom::Geometry& river, geom::XY a, geom::XY b) {
  const geom::XY ends[] = {a, b};
  const geom::Geometry chord = geom::Geometry::line_string(river.context(), ends);
  const geom::Geometry common = chord.intersection(river);
  if (common.is_empty()) return 0;
  const auto type = common.type();
  if (type == geom::GeometryType::Point) return 1;
  return type == geom::GeometryType::MultiPoint ? static_cast<std::size_t>(common.num_geometries()) : 0;
}

}  // namespace

CrossRiver cross_river(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                       const std::vector<ZoneSnap>& snaps, const geom::Geometry& river) {
  CrossRiver out;
  out.links = crossing_links(graph, lines, river);
  out.trips.assign(out.links.size(), 0);
  double detour_sum = 0.0;
  for (std::size_t i = 0; i < snaps.size(); ++i) {
    if (!snaps[i].snapped()) continue;
    const geom::XY from = graph.node(snaps[i].node).xy;
    std::optional<PathTree> tree;  // searched only if some pair from here crosses
    for (std::size_t j = 0; j < snaps.size(); ++j) {
      if (i == j || !snaps[j].snapped()) continue;
      const geom::XY to = graph.node(snaps[j].node).xy;
      if (to == from || meetings(river, from, to) % 2 == 0) continue;
      ++out.opposite_pairs;
      if (!tree) tree = quickest_path_tree(graph, snaps[i].node);
      const PathCost& cost = tree->cost[snaps[j].node.value()];
      if (!cost.reachable()) continue;
      ++out.connected_pairs;
      const double straight = std::hypot(to.x - from.x, to.y - from.y);
      const double detour = cost.length_m / straight;
      detour_sum += detour;
      out.worst_detour = std::max(out.worst_detour.value_or(0.0), detour);
      for (const EdgeId e : tree->path_to(graph, snaps[j].node)) {
        const auto at = std::lower_bound(out.links.begin(), out.links.end(), e);
        if (at != out.links.end() && *at == e) ++out.trips[static_cast<std::size_t>(at - out.links.begin())];
      }
    }
  }
  if (out.connected_pairs > 0) out.mean_detour = detour_sum / static_cast<double>(out.connected_pairs);
  return out;
}

}  // namespace cx::network
