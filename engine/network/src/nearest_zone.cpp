#include "cx/network/nearest_zone.hpp"

#include "cx/network/quickest_search.hpp"

namespace cx::network {

std::vector<NearestZone> nearest_zones(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps) {
  std::vector<NearestZone> out(graph.node_count());
  std::vector<NodeId> sources;
  for (std::size_t z = 0; z < snaps.size(); ++z) {
    if (!snaps[z].snapped()) continue;
    NearestZone& at = out[snaps[z].node.value()];
    if (at.reached()) continue;  // an earlier zone joins the same junction
    at.zone = static_cast<std::uint32_t>(z);
    sources.push_back(snaps[z].node);
  }
  QuickestSearch search(graph);
  search.run_from_all(sources);
  // Settled order puts every junction after the one its path comes from, so one pass hands
  // each junction the zone of its predecessor.
  for (const std::uint32_t v : search.settled()) {
    NearestZone& at = out[v];
    at.time_s = search.time_s(v);
    at.length_m = search.length_m(v);
    const EdgeId via = search.via(v);
    if (!via.valid()) continue;  // a zone's own junction
    at.zone = out[graph.edge(via).other_end(NodeId(v)).value()].zone;
  }
  return out;
}

}  // namespace cx::network
