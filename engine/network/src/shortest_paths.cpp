#include "cx/network/shortest_paths.hpp"

#include "cx/network/quickest_search.hpp"

namespace cx::network {

PathTree quickest_path_tree(const RoadGraph& graph, NodeId source) {
  QuickestSearch search(graph);
  search.run(source);
  PathTree tree;
  tree.cost.resize(graph.node_count());
  tree.via.resize(graph.node_count());
  for (const std::uint32_t v : search.settled()) {
    tree.cost[v] = PathCost{search.time_s(v), search.length_m(v)};
    tree.via[v] = search.via(v);
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
    at = graph.edge(e).other_end(at);
  }
  return out;
}

}  // namespace cx::network
