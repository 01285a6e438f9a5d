#pragma once

#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/network/road_graph.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::network {

struct GraphOptions {
  /// Line ends closer than this meet at one node (gaps in digitising are closed).
  double snap_tolerance_m = 1.0;
};

/// Builds the road graph in `endpoints` noding: every line (or part of a multi-line) is one
/// edge between its two ends, and ends within the snap tolerance meet. Lines never meet in the
/// middle, so a bridge passes over whatever it crosses. Grade separation at a shared end point:
/// ends at the same z-level always meet; ends at different levels meet only where one level has
/// a single end arriving (a bridge or tunnel touching down on its approach): that lone end joins
/// the ground level (or the nearest level) when it is not itself on the ground. Several ends on
/// each of two levels at one spot (a bridge split above a junction) stay separate.
/// Travel time = length / speed. Zero-length lines are skipped and reported; snapped gaps and
/// unjoined grade-separated ends are reported too. `roads` are borrowed; Edge::road_index is the
/// position in this list.
[[nodiscard]] RoadGraph build_graph(const std::vector<const roads::Road*>& roads,
                                    const GraphOptions& options, Diagnostics& diagnostics);

}  // namespace cx::network
