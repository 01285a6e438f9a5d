#pragma once

#include <span>
#include <vector>

#include "cx/network/road_graph.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::network {

/// The stretch of one link reached within a time break: from `from_m` to `to_m` metres along
/// the link's line (measured from its first vertex).
struct ReachedStretch {
  EdgeId edge;
  double from_m = 0.0;
  double to_m = 0.0;
};

/// Everything reachable from `source` within `minutes` of network time, following one-way
/// links: whole links, and the part of a link that a traveller gets along before time runs out
/// (from either end), interpolated linearly in time along the link. Sorted by edge id.
[[nodiscard]] std::vector<ReachedStretch> service_area(const RoadGraph& graph, NodeId source,
                                                       double minutes);

/// The same for several time breaks at once, from one search that goes no farther than the
/// longest: one list per break, in the order given.
[[nodiscard]] std::vector<std::vector<ReachedStretch>> service_areas(const RoadGraph& graph, NodeId source,
                                                                     std::span<const double> minutes);

/// The vertices of a stretch of an edge's line (`roads` = the list the graph was built from).
[[nodiscard]] std::vector<geom::XY> stretch_points(const RoadGraph& graph,
                                                   const std::vector<const roads::Road*>& roads,
                                                   const ReachedStretch& stretch);

}  // namespace cx::network
