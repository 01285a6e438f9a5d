#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cx/network/road_graph.hpp"

namespace cx::network {

/// Betweenness centrality by travel time (Brandes 2001), following one-way links: for each
/// junction and link, how many quickest paths between ordered pairs of junctions pass through
/// it, each pair's paths sharing one unit equally when several are equally quick (a junction
/// is not counted on paths that start or end at it). It shows which links carry through traffic
/// potential. Exact ties only: travel times that differ in the last bit are different times.
struct Betweenness {
  std::vector<double> node;  ///< per node id
  std::vector<double> edge;  ///< per edge id
  std::size_t sources = 0;   ///< searches made: every node, or the sample
  bool sampled = false;      ///< from a sample of sources, scaled by nodes / sources
};

struct BetweennessOptions {
  /// Up to this many nodes every node is a source (exact); above it a sample is drawn.
  std::size_t max_exact_nodes = 5000;
  std::size_t sample_sources = 100;  ///< sources of the sample (the k of sampled betweenness)
  std::uint64_t seed = 20261125;     ///< fixed, so a run is repeatable
  unsigned threads = 0;              ///< 0 = all cores
};

/// The same figures on every run and with any number of threads: sources are summed in fixed
/// blocks, and the blocks in order.
[[nodiscard]] Betweenness betweenness(const RoadGraph& graph, const BetweennessOptions& options = {});

}  // namespace cx::network
