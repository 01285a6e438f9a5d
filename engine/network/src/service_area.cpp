#include "cx/network/service_area.hpp"

#include <algorithm>
#include <cmath>

#include "cx/network/graph_builder.hpp"
#include "cx/network/shortest_paths.hpp"

namespace cx::network {

std::vector<ReachedStretch> service_area(const RoadGraph& graph, NodeId source, double minutes) {
  const double budget_s = minutes * 60.0;
  const auto cost = quickest_paths(graph, source);
  std::vector<ReachedStretch> out;
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    const Edge& e = graph.edge(EdgeId(i));
    if (e.time_s <= 0.0) continue;
    // How far along the link one gets from each end, as a share of the link (0 = not at all).
    const auto share_from = [&](NodeId end, bool allowed) {
      const double at = cost[end.value()].time_s;
      if (!allowed || !(at <= budget_s)) return 0.0;
      return std::min(1.0, (budget_s - at) / e.time_s);
    };
    const double from_start = share_from(e.from, e.forward);
    const double from_end = share_from(e.to, e.backward);
    if (from_start <= 0.0 && from_end <= 0.0) continue;
    if (from_start + from_end >= 1.0) {
      out.push_back({EdgeId(i), 0.0, e.length_m});
      continue;
    }
    if (from_start > 0.0) out.push_back({EdgeId(i), 0.0, from_start * e.length_m});
    if (from_end > 0.0) out.push_back({EdgeId(i), (1.0 - from_end) * e.length_m, e.length_m});
  }
  return out;
}

std::vector<geom::XY> stretch_points(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                                     const ReachedStretch& stretch) {
  const auto all = edge_geometry(graph, roads, stretch.edge).line_points();
  std::vector<geom::XY> out;
  double walked = 0.0;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    const geom::XY a = all[i], b = all[i + 1];
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double step = std::sqrt(dx * dx + dy * dy);
    const auto at = [&](double m) {
      const double t = step > 0.0 ? (m - walked) / step : 0.0;
      return geom::XY{a.x + t * dx, a.y + t * dy};
    };
    if (walked + step >= stretch.from_m && walked <= stretch.to_m) {
      if (out.empty()) out.push_back(stretch.from_m > walked ? at(stretch.from_m) : a);
      if (walked + step <= stretch.to_m) {
        out.push_back(b);
      } else {
        out.push_back(at(stretch.to_m));
        break;
      }
    }
    walked += step;
  }
  return out;
}

}  // namespace cx::network
