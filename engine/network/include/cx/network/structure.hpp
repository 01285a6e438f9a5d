#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "cx/network/components.hpp"
#include "cx/network/road_graph.hpp"

namespace cx::network {

/// The links and junctions whose loss disconnects part of the network (direction ignored):
/// graph bridges (cut edges) and articulation points (cut vertices). Two parallel links between
/// the same junctions are never bridges; a loop is never one.
struct CutElements {
  std::vector<EdgeId> bridges;              ///< sorted by id
  std::vector<NodeId> articulation_points;  ///< sorted by id
};

/// One depth-first search over the whole graph (Hopcroft and Tarjan's low-point method),
/// iterative so that a long chain of roads cannot overflow the stack; O(nodes + edges).
[[nodiscard]] CutElements cut_elements(const RoadGraph& graph);

/// Kansky's structural indices of a road network with v junctions, e links and p connected
/// components (Kansky 1963; the planar forms, as roads cross at junctions).
struct KanskyIndices {
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::size_t components = 0;
  /// μ = e − v + p: the number of independent cycles (0 for a tree-like network).
  double cyclomatic = 0.0;
  /// α = μ / (2v − 5): the share of the cycles a planar network of v junctions could have.
  std::optional<double> alpha;
  /// β = e / v: links per junction.
  std::optional<double> beta;
  /// γ = e / (3(v − 2)): the share of the links a planar network of v junctions could have.
  std::optional<double> gamma;
};

/// α and γ need v ≥ 3, β v ≥ 1; they are left out otherwise.
[[nodiscard]] KanskyIndices kansky_indices(const RoadGraph& graph, const Components& components);

}  // namespace cx::network
