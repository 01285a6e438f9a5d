#include "cx/network/zone_travel.hpp"

#include "cx/core/parallel.hpp"
#include "cx/network/quickest_search.hpp"

#include <algorithm>
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

OdMatrix od_matrix(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps, unsigned threads) {
  OdMatrix out;
  out.zone_count = snaps.size();
  out.cost.resize(snaps.size() * snaps.size());
  std::vector<NodeId> targets;
  for (const auto& snap : snaps) {
    if (snap.snapped()) targets.push_back(snap.node);
  }
  // One search per origin, stopped once every zone's junction is settled; each writes only its
  // own row, so the matrix is the same whatever the thread count.
  parallel_items(
      snaps.size(), threads, [&] { return QuickestSearch(graph); },
      [&](QuickestSearch& search, std::size_t i) {
        if (!snaps[i].snapped()) return;
        search.run(snaps[i].node, targets);
        for (std::size_t j = 0; j < snaps.size(); ++j) {
          if (i == j || !snaps[j].snapped()) continue;
          const auto to = snaps[j].node.value();
          out.cost[i * snaps.size() + j] = PathCost{search.time_s(to), search.length_m(to)};
        }
      });
  return out;
}

std::vector<std::vector<double>> reachable_within(const OdMatrix& od,
                                                 const std::vector<ZoneSnap>& snaps,
                                                 const std::vector<double>& weights,
                                                 const std::vector<double>& minutes) {
  const std::size_t n = od.zone_count;
  std::vector<std::vector<double>> out(n, std::vector<double>(minutes.size(), 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    if (!snaps[i].snapped()) continue;
    for (std::size_t j = 0; j < n; ++j) {
      const double time_min = i == j ? 0.0 : od.at(i, j).time_s / 60.0;  // infinite if unreachable
      for (std::size_t k = 0; k < minutes.size(); ++k) {
        if (time_min <= minutes[k]) out[i][k] += weights[j];
      }
    }
  }
  return out;
}

std::vector<std::optional<double>> zone_closeness(const OdMatrix& od) {
  std::vector<std::optional<double>> out(od.zone_count);
  for (std::size_t i = 0; i < od.zone_count; ++i) {
    double minutes = 0.0;
    std::size_t reached = 0;
    for (std::size_t j = 0; j < od.zone_count; ++j) {
      if (i == j || !od.at(i, j).reachable()) continue;
      minutes += od.at(i, j).time_s / 60.0;
      ++reached;
    }
    if (reached > 0 && minutes > 0.0) out[i] = static_cast<double>(reached) / minutes;
  }
  return out;
}

std::optional<double> detour(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                             const OdMatrix& od, std::size_t from, std::size_t to) {
  const PathCost& cost = od.at(from, to);
  if (from == to || !cost.reachable()) return std::nullopt;
  const geom::XY a = graph.node(snaps[from].node).xy;
  const geom::XY b = graph.node(snaps[to].node).xy;
  const double straight = std::hypot(b.x - a.x, b.y - a.y);
  if (straight <= 0.0) return std::nullopt;
  return cost.length_m / straight;
}

}  // namespace cx::network
