#include "cx/network/shortest_paths.hpp"

#include <functional>
#include <queue>
#include <tuple>

namespace cx::network {

PathTree quickest_path_tree(const RoadGraph& graph, NodeId source) {
  PathTree tree;
  tree.cost.resize(graph.node_count());
  tree.via.resize(graph.node_count());
  auto& cost = tree.cost;
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
        tree.via[arc.head.value()] = arc.edge;
        queue.emplace(t, l, arc.head.value());
      }
    }
  }
  return tree;
}

std::vector<PathCost> quickest_paths(const RoadGraph& graph, NodeId source) {
  return quickest_path_tree(graph, source).cost;
}

std::vector<EdgeId> PathTree::path_to(const RoadGraph& graph, NodeId target) const {
  std::vector<EdgeId> out;
  for (NodeId at = target; via[at.value()].valid();) {
    const EdgeId e = via[at.value()];
    out.push_back(e);
    const Edge& edge = graph.edge(e);
    at = edge.to == at ? edge.from : edge.to;  // the arc went from the other end to `at`
  }
  return out;
}

}  // namespace cx::network
