#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cx/network/road_graph.hpp"
#include "cx/network/zone_travel.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::network {

/// How a road network gets across one river.
struct CrossRiver {
  /// Links whose line crosses the river (from the river's own geometry), sorted by id.
  std::vector<EdgeId> links;
  /// Ordered zone pairs on opposite banks (the straight line between their junctions crosses the
  /// river an odd number of times), both joined to the network.
  std::size_t opposite_pairs = 0;
  std::size_t connected_pairs = 0;  ///< of those, the ones with a path
  /// Network length ÷ straight-line distance between the pairs' junctions, over connected pairs.
  std::optional<double> mean_detour;
  std::optional<double> worst_detour;
  /// Per entry of `links`: the connected opposite-bank pairs whose quickest path uses it.
  std::vector<std::size_t> trips;
};

/// Cross-river connectivity of `graph` (built from `lines`, borrowed) for the river `river`
/// (its centre line), with zones joined as in `snaps`.
[[nodiscard]] CrossRiver cross_river(const RoadGraph& graph,
                                     const std::vector<const roads::Road*>& lines,
                                     const std::vector<ZoneSnap>& snaps,
                                     const geom::Geometry& river);

/// The same for several rivers at once: each origin's quickest paths are searched once and
/// serve every river. Origins are taken on `threads` threads (0 = all cores); the figures are
/// the same whatever the count.
[[nodiscard]] std::vector<CrossRiver> cross_rivers(const RoadGraph& graph,
                                                   const std::vector<const roads::Road*>& lines,
                                                   const std::vector<ZoneSnap>& snaps,
                                                   const std::vector<const geom::Geometry*>& rivers,
                                                   unsigned threads = 0);

/// The OD matrix between the zones and the cross-river figures together: each origin's search
/// serves both, where od_matrix and cross_rivers would each search from every zone. The same
/// figures as the two give apart, whatever the thread count.
struct OdAndCrossRivers {
  OdMatrix od;
  std::vector<CrossRiver> rivers;
};
[[nodiscard]] OdAndCrossRivers od_and_cross_rivers(const RoadGraph& graph,
                                                   const std::vector<const roads::Road*>& lines,
                                                   const std::vector<ZoneSnap>& snaps,
                                                   const std::vector<const geom::Geometry*>& rivers,
                                                   unsigned threads = 0);

}  // namespace cx::network
