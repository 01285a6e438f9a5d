#include "cx/network/shortest_paths.hpp"

#include <functional>
#include <queue>
#include <tuple>

namespace cx::network {

std::vector<PathCost> quickest_paths(const RoadGraph& graph, NodeId source) {
  std::vector<PathCost> cost(graph.node_count());
  std::vector<bool> settled(graph.node_count(), false);
  using Item = std::tuple<double, double, std::uint32_t>;  // time, length, node
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  cost[source.value()] = PathCost{0.0, 0.0};
  queue.emplace(0.0, 0.0, source.value());
  while (!queue.empty()) {
    const auto [time_s, length_m, v] = queue.top();
    queue.pop();
    if (settled[v]) continue;
    settled[v] = true;
    for (const Arc& arc : graph.out_arcs(NodeId(v))) {
      const double t = time_s + arc.time_s;
      const double l = length_m + arc.length_m;
      PathCost& best = cost[arc.head.value()];
      if (t < best.time_s || (t == best.time_s && l < best.length_m)) {
        best = PathCost{t, l};
        queue.emplace(t, l, arc.head.value());
      }
    }
  }
  return cost;
}

}  // namespace cx::network
