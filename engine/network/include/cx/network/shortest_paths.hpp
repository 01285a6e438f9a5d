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
/// Dijkstra with a binary heap. Among equally quick paths the shorter one is kept.
[[nodiscard]] std::vector<PathCost> quickest_paths(const RoadGraph& graph, NodeId source);

}  // namespace cx::network
