#pragma once

#include <optional>
#include <vector>

#include "cx/network/quickest_search.hpp"
#include "cx/network/road_graph.hpp"
#include "cx/network/shortest_paths.hpp"
#include "cx/zones/zone_layer.hpp"

namespace cx::network {

/// Where a zone joins the network: its nearest node, if one is within the maximum distance.
struct ZoneSnap {
  NodeId node;              ///< invalid when the zone is too far from every node
  double distance_m = 0.0;  ///< to the nearest node (also reported when too far)
  [[nodiscard]] bool snapped() const { return node.valid(); }
};

/// Snaps each zone to its nearest node (ties: the lower node id). Zones farther than
/// `max_distance_m` keep an invalid node, never silently dropped: callers report them.
[[nodiscard]] std::vector<ZoneSnap> snap_zones(const RoadGraph& graph,
                                               const std::vector<zones::Zone>& zones,
                                               double max_distance_m);

/// Quickest network paths between every ordered pair of zones (i ≠ j), row-major:
/// entry i * n + j is from zone i to zone j. Pairs with an unsnapped zone are unreachable.
/// Network time only: the walk from the zone point to its node is not added.
struct OdMatrix {
  std::size_t zone_count = 0;
  std::vector<PathCost> cost;
  [[nodiscard]] const PathCost& at(std::size_t from, std::size_t to) const {
    return cost[from * zone_count + to];
  }
};

/// Quickest paths between every ordered pair of joined zones, one search per origin on
/// `threads` threads (0 = all cores).
[[nodiscard]] OdMatrix od_matrix(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                                 unsigned threads = 0);

/// The junctions of the joined zones, in zone order: the targets of an origin's search.
[[nodiscard]] std::vector<NodeId> zone_nodes(const std::vector<ZoneSnap>& snaps);
/// An OD matrix of `snaps.size()` zones with every pair unreachable, to fill row by row.
[[nodiscard]] OdMatrix empty_od(const std::vector<ZoneSnap>& snaps);
/// Fills row `origin` of `od` from `search`, run from that zone's junction until at least every
/// zone's junction was settled (targets zone_nodes(snaps)).
void store_od_row(OdMatrix& od, const std::vector<ZoneSnap>& snaps, std::size_t origin,
                  const QuickestSearch& search);

/// Cumulative-opportunity accessibility: for each zone and each threshold, the sum of
/// `weights` (population or jobs, one per zone) over the zones reachable within that many
/// minutes, its own included when it is joined to the network. Result [zone][threshold].
[[nodiscard]] std::vector<std::vector<double>> reachable_within(
    const OdMatrix& od, const std::vector<ZoneSnap>& snaps, const std::vector<double>& weights,
    const std::vector<double>& minutes);

/// Closeness of each zone: the zones it reaches divided by the sum of the minutes to them
/// (the inverse of its mean travel time); nothing for a zone that reaches none.
[[nodiscard]] std::vector<std::optional<double>> zone_closeness(const OdMatrix& od);

/// Network length ÷ straight-line distance between the two zones' junctions; nothing when
/// unreachable or when both join the same junction.
[[nodiscard]] std::optional<double> detour(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                                           const OdMatrix& od, std::size_t from, std::size_t to);

}  // namespace cx::network
