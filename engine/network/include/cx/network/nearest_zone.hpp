#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "cx/network/road_graph.hpp"
#include "cx/network/zone_travel.hpp"

namespace cx::network {

/// The zone a junction is quickest to reach from, and the path that takes.
struct NearestZone {
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t zone = none;  ///< index into the zone list; `none` when no zone reaches it
  double time_s = std::numeric_limits<double>::infinity();
  double length_m = std::numeric_limits<double>::infinity();
  [[nodiscard]] bool reached() const { return zone != none; }
};

/// For every junction, the zone with the quickest network path to it and that path's time and
/// length (a catchment, or allocation to the nearest zone). One search from all zones at once,
/// not one per zone: the first zone to reach a junction is the nearest. Ties in time go to
/// the shorter path; zones joined to one junction count as the first of them. Unsnapped
/// zones take no part. Result indexed by node id.
[[nodiscard]] std::vector<NearestZone> nearest_zones(const RoadGraph& graph,
                                                     const std::vector<ZoneSnap>& snaps);

}  // namespace cx::network
