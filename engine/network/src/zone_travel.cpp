#include "cx/network/zone_travel.hpp"

#include <cmath>
#include <limits>

namespace cx::network {

std::vector<ZoneSnap> snap_zones(const RoadGraph& graph, const std::vector<zones::Zone>& zones,
                                 double max_distance_m) {
  std::vector<ZoneSnap> out;
  out.reserve(zones.size());
  for (const auto& zone : zones) {
    NodeId best;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::uint32_t n = 0; n < graph.node_count(); ++n) {
      const auto& xy = graph.node(NodeId(n)).xy;
      const double d = std::hypot(xy.x - zone.location.x, xy.y - zone.location.y);
      if (d < best_d) {
        best_d = d;
        best = NodeId(n);
      }
    }
    out.push_back(ZoneSnap{best_d <= max_distance_m ? best : NodeId::invalid(), best_d});
  }
  return out;
}

OdMatrix od_matrix(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps) {
  OdMatrix out;
  out.zone_count = snaps.size();
  out.cost.resize(snaps.size() * snaps.size());
  for (std::size_t i = 0; i < snaps.size(); ++i) {
    if (!snaps[i].snapped()) continue;
    const auto from_here = quickest_paths(graph, snaps[i].node);
    for (std::size_t j = 0; j < snaps.size(); ++j) {
      if (i == j || !snaps[j].snapped()) continue;
      out.cost[i * snaps.size() + j] = from_here[snaps[j].node.value()];
    }
  }
  return out;
}

}  // namespace cx::network
