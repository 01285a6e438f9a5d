#pragma once

#include <cstdint>
#include <vector>

#include "cx/network/road_graph.hpp"

namespace cx::network {

/// Connected components of the graph, ignoring direction (weak connectivity).
struct Components {
  /// Component of each node. Components are numbered by size, largest first; ties by their
  /// smallest node id, so the numbering is stable.
  std::vector<std::uint32_t> of_node;
  std::vector<std::uint32_t> node_counts;  ///< nodes per component
  [[nodiscard]] std::size_t count() const { return node_counts.size(); }
};

[[nodiscard]] Components connected_components(const RoadGraph& graph);

}  // namespace cx::network
