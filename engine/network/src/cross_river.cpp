#include "cx/network/cross_river.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

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

std::vector<CrossRiver> cross_rivers(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                     const std::vector<ZoneSnap>& snaps,
                                     const std::vector<const geom::Geometry*>& rivers) {
  std::vector<CrossRiver> out(rivers.size());
  std::vector<double> detour_sum(rivers.size(), 0.0);
  for (std::size_t r = 0; r < rivers.size(); ++r) {
    out[r].links = crossing_links(graph, lines, *rivers[r]);
    out[r].trips.assign(out[r].links.size(), 0);
  }
  for (std::size_t i = 0; i < snaps.size(); ++i) {
    if (!snaps[i].snapped()) continue;
    const geom::XY from = graph.node(snaps[i].node).xy;
    std::optional<PathTree> tree;  // searched once, only if some pair from here crosses a river
    for (std::size_t r = 0; r < rivers.size(); ++r) {
      CrossRiver& c = out[r];
      for (std::size_t j = 0; j < snaps.size(); ++j) {
        if (i == j || !snaps[j].snapped()) continue;
        const geom::XY to = graph.node(snaps[j].node).xy;
        if (to == from || meetings(*rivers[r], from, to) % 2 == 0) continue;
        ++c.opposite_pairs;
        if (!tree) tree = quickest_path_tree(graph, snaps[i].node);
        const PathCost& cost = tree->cost[snaps[j].node.value()];
        if (!cost.reachable()) continue;
        ++c.connected_pairs;
        const double detour = cost.length_m / std::hypot(to.x - from.x, to.y - from.y);
        detour_sum[r] += detour;
        c.worst_detour = std::max(c.worst_detour.value_or(0.0), detour);
        for (const EdgeId e : tree->path_to(graph, snaps[j].node)) {
          const auto at = std::lower_bound(c.links.begin(), c.links.end(), e);
          if (at != c.links.end() && *at == e) ++c.trips[static_cast<std::size_t>(at - c.links.begin())];
        }
      }
    }
  }
  for (std::size_t r = 0; r < rivers.size(); ++r) {
    if (out[r].connected_pairs > 0) {
      out[r].mean_detour = detour_sum[r] / static_cast<double>(out[r].connected_pairs);
    }
  }
  return out;
}

CrossRiver cross_river(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                       const std::vector<ZoneSnap>& snaps, const geom::Geometry& river) {
  return std::move(cross_rivers(graph, lines, snaps, {&river}).front());
}

}  // namespace cx::network
