#pragma once

#include <limits>
#include <vector>

#include "cx/network/road_graph.hpp"

namespace cx::network {

/// Cost of the quickest path to a node. Unreachable nodes have infinite time and length.
struct PathCost {
  double time_s = std::numeric_limits<double>::infinity();
  double length_m = std::numeric_limits<double>::infinity();
  [[nodiscard]] bool reachable() const { return time_s < std::numeric_limits<double>::infinity(); }
};

/// Quickest paths (by travel time, respecting one-way edges) from `source` to every node:
/// Dijkstra (see QuickestSearch). Among equally quick paths the shorter one is kept.
[[nodiscard]] std::vector<PathCost> quickest_paths(const RoadGraph& graph, NodeId source);

/// The same, with the paths themselves: for each reached node, the edge its quickest path
/// arrives by (invalid for the source and unreached nodes).
struct PathTree {
  std::vector<PathCost> cost;
  std::vector<EdgeId> via;
  /// The edges of the quickest path from the source to `target`, from the target back.
  [[nodiscard]] std::vector<EdgeId> path_to(const RoadGraph& graph, NodeId target) const;
};
[[nodiscard]] PathTree quickest_path_tree(const RoadGraph& graph, NodeId source);

}  // namespace cx::network
