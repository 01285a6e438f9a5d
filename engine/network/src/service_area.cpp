#include "cx/network/service_area.hpp"

#include <algorithm>
#include <cmath>

#include "cx/network/graph_builder.hpp"
#include "cx/network/quickest_search.hpp"

namespace cx::network {

namespace {

// The reached part of one link within `budget_s`, given the times its ends were reached.
void add_reached(const Edge& e, EdgeId id, double at_from, double at_to, double budget_s,
                 std::vector<ReachedStretch>& out) {
  // How far along the link one gets from each end, as a share of the link (0 = not at all).
  const auto share_from = [&](double at, bool allowed) {
    if (!allowed || !(at <= budget_s)) return 0.0;
    return std::min(1.0, (budget_s - at) / e.time_s);
  };
  const double from_start = share_from(at_from, e.forward);
  const double from_end = share_from(at_to, e.backward);
  if (from_start <= 0.0 && from_end <= 0.0) return;
  if (from_start + from_end >= 1.0) {
    out.push_back({id, 0.0, e.length_m});
    return;
  }
  if (from_start > 0.0) out.push_back({id, 0.0, from_start * e.length_m});
  if (from_end > 0.0) out.push_back({id, (1.0 - from_end) * e.length_m, e.length_m});
}

}  // namespace

std::vector<ReachedStretch> service_area(const RoadGraph& graph, NodeId source, double minutes) {
  const double one[] = {minutes};
  return std::move(service_areas(graph, source, one).front());
}

std::vector<std::vector<ReachedStretch>> service_areas(const RoadGraph& graph, NodeId source,
                                                       std::span<const double> minutes) {
  double longest_s = 0.0;
  for (const double m : minutes) longest_s = std::max(longest_s, m * 60.0);
  QuickestSearch search(graph);
  search.run(source, {}, longest_s);
  // Every link reached at all leaves a node reached within the longest break, in a direction
  // it may be driven: the settled nodes' outgoing links are all there is to look at.
  std::vector<std::uint32_t> edges;
  for (const std::uint32_t v : search.settled()) {
    for (const Arc& arc : graph.out_arcs(NodeId(v))) edges.push_back(arc.edge.value());
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<std::vector<ReachedStretch>> out(minutes.size());
  for (std::size_t b = 0; b < minutes.size(); ++b) {
    for (const std::uint32_t i : edges) {
      const Edge& e = graph.edge(EdgeId(i));
      if (e.time_s <= 0.0) continue;
      add_reached(e, EdgeId(i), search.time_s(e.from.value()), search.time_s(e.to.value()),
                  minutes[b] * 60.0, out[b]);
    }
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
