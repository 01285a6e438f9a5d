#include "cx/network/cross_river.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <tuple>
#include <span>
#include <utility>

#include "cx/geom/prepared_geometry.hpp"
#include "cx/geom/segment.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/core/parallel.hpp"
#include "cx/geom/context_pool.hpp"
#include "cx/network/quickest_search.hpp"

namespace cx::network {
namespace {

// Which side of the river `p` lies on, seen from `at` (a point on the river): +1 left, -1 right
// of the river's direction, 0 on the river or undecided. Inside a segment, the side of that
// segment's line; at a vertex, the side of the bend the river makes there (the sector between
// the segment coming in and the one going out), since a line's extension is the wrong bank at a
// bend. At a river's end or where more than two segments meet, undecided.
int side_of_river(const geom::Geometry& river, geom::XY at, geom::XY p) {
  struct Near {
    geom::XY a, b;
  };
  constexpr double same_m = 1e-9;
  double best = std::numeric_limits<double>::infinity();
  std::vector<Near> nearest;
  for (int part = 0; part < river.num_geometries(); ++part) {
    const auto points = river.part_points(part);
    for (std::size_t k = 0; k + 1 < points.size(); ++k) {
      const geom::XY a = points[k], b = points[k + 1];
      if (a == b) continue;
      const double d = geom::distance_to_segment(at, a, b);
      if (d < best - same_m) nearest.clear();
      if (d <= best + same_m) nearest.push_back({a, b});
      best = std::min(best, d);
    }
  }
  const auto sign = [](double v, double scale) { return std::abs(v) <= 1e-9 * scale ? 0 : (v > 0.0 ? 1 : -1); };
  if (nearest.size() == 1) {
    const auto [a, b] = nearest.front();
    const double dx = b.x - a.x, dy = b.y - a.y;
    return sign(dx * (p.y - a.y) - dy * (p.x - a.x), dx * dx + dy * dy);
  }
  if (nearest.size() != 2) return 0;
  const auto close = [&](geom::XY u, geom::XY v) { return std::hypot(u.x - v.x, u.y - v.y) <= same_m; };
  const Near* in = nullptr;
  const Near* out = nullptr;
  if (close(nearest[0].b, nearest[1].a)) in = &nearest[0], out = &nearest[1];
  if (close(nearest[1].b, nearest[0].a)) in = &nearest[1], out = &nearest[0];
  if (in == nullptr) return 0;
  const geom::XY v = in->b;
  const auto angle = [&](geom::XY q) { return std::atan2(q.y - v.y, q.x - v.x); };
  const auto ccw_from_forward = [&](geom::XY q) {
    const double turn = std::fmod(angle(q) - angle(out->b) + 4.0 * std::numbers::pi, 2.0 * std::numbers::pi);
    return turn;
  };
  const double back = ccw_from_forward(in->a);  // the river behind, seen turning left from ahead
  const double to_p = ccw_from_forward(p);
  constexpr double on_ray = 1e-12;
  if (to_p <= on_ray || std::abs(to_p - back) <= on_ray || 2.0 * std::numbers::pi - to_p <= on_ray) return 0;
  return to_p < back ? 1 : -1;
}

// The links crossing the river: those whose line crosses it, and where a road is split on the
// river's centre line (a boundary often drawn there), the links on its left at a junction on the
// river with links leaving to both sides: one link per road across, as a line across would be.
std::vector<EdgeId> crossing_links(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                   const geom::Geometry& river) {
  constexpr double on_river_m = 1e-6;
  std::vector<EdgeId> out;
  struct EndOnRiver {
    NodeId node;
    EdgeId edge;
    int side;
  };
  std::vector<EndOnRiver> ends;
  const Extent box = river.extent();
  const geom::PreparedGeometry prepared(river);
  const bool linear = river.type() == geom::GeometryType::LineString ||
                      river.type() == geom::GeometryType::MultiLineString;
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    const geom::Geometry line = edge_geometry(graph, lines, EdgeId(i));
    if (!line.extent().intersects(box) || !prepared.intersects(line)) continue;
    if (line.crosses(river)) {
      out.emplace_back(i);
      continue;
    }
    if (!linear) continue;
    const Edge& e = graph.edge(EdgeId(i));
    const auto points = edge_points(graph, lines, EdgeId(i));
    for (const bool from_end : {true, false}) {
      const NodeId node = from_end ? e.from : e.to;
      const geom::XY at = graph.node(node).xy;
      const geom::XY next = from_end ? points[1] : points[points.size() - 2];
      if (geom::Geometry::point(river.context(), at).distance(river) > on_river_m) continue;
      if (const int side = side_of_river(river, at, next); side != 0) ends.push_back({node, EdgeId(i), side});
    }
  }
  std::sort(ends.begin(), ends.end(), [](const EndOnRiver& a, const EndOnRiver& b) {
    return std::tie(a.node, a.side, a.edge) < std::tie(b.node, b.side, b.edge);
  });
  for (std::size_t k = 0; k < ends.size();) {
    std::size_t next = k;
    while (next < ends.size() && ends[next].node == ends[k].node) ++next;
    const bool both_sides = ends[k].side < 0 && ends[next - 1].side > 0;
    for (std::size_t m = k; both_sides && m < next; ++m) {
      if (ends[m].side > 0) out.push_back(ends[m].edge);
    }
    k = next;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Points where the straight line a–b meets the river.
std::size_t meetings(const geom::Geometry& river, geom::XY a, geom::XY b) {
  const Extent chord_box{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
  if (!chord_box.intersects(river.extent())) return 0;  // what GEOS would find, without asking it
  const geom::XY ends[] = {a, b};
  const geom::Geometry chord = geom::Geometry::line_string(river.context(), ends);
  const geom::Geometry common = chord.intersection(river);
  if (common.is_empty()) return 0;
  const auto type = common.type();
  if (type != geom::GeometryType::Point && type != geom::GeometryType::MultiPoint) return 0;
  // A junction on the river's centre line is on neither bank: where the chord starts or ends on
  // the river, that meeting is not a crossing.
  const auto at_an_end = [&](geom::XY q) {
    return std::hypot(q.x - a.x, q.y - a.y) <= 1e-6 || std::hypot(q.x - b.x, q.y - b.y) <= 1e-6;
  };
  std::size_t count = 0;
  for (int i = 0; i < common.num_geometries(); ++i) {
    const auto points = common.part_points(i);
    if (!points.empty() && !at_an_end(points.front())) ++count;
  }
  return count;
}

/// A river's segments, for counting where straight lines cross it without asking GEOS.
class RiverSegments {
public:
  explicit RiverSegments(const geom::Geometry& river) : m_river(river) {
    const auto type = river.type();
    m_linear = type == geom::GeometryType::LineString || type == geom::GeometryType::MultiLineString;
    if (!m_linear) return;
    for (int i = 0; i < river.num_geometries(); ++i) {
      const auto points = river.part_points(i);
      for (std::size_t k = 0; k + 1 < points.size(); ++k) m_segments.push_back({points[k], points[k + 1]});
    }
  }

  /// The number of points where the straight line a–b meets the river, as GEOS's intersection
  /// gives them. Counted with plain arithmetic when every meeting is a clean crossing of two
  /// segments at distinct points; anything close to touching, running along, passing through
  /// a vertex or two crossings at one point is left to GEOS.
  [[nodiscard]] std::size_t meetings(geom::XY a, geom::XY b) const {
    if (!m_linear) return cx::network::meetings(m_river, a, b);
    const double ab_x = b.x - a.x, ab_y = b.y - a.y;
    const double ab_len = std::hypot(ab_x, ab_y);
    const double min_x = std::min(a.x, b.x), max_x = std::max(a.x, b.x);
    const double min_y = std::min(a.y, b.y), max_y = std::max(a.y, b.y);
    const auto orient = [](geom::XY o, geom::XY p, geom::XY q) {
      return (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
    };
    m_at.clear();
    for (const auto& [p, q] : m_segments) {
      if (std::max(p.x, q.x) < min_x || std::min(p.x, q.x) > max_x || std::max(p.y, q.y) < min_y ||
          std::min(p.y, q.y) > max_y) {
        continue;  // boxes apart: no meeting
      }
      // Twice the triangles' areas; near zero means a point (nearly) on the other line. The
      // margin is well above the rounding of these products at projected coordinates in the
      // millions (a few 1e-10 m each), so a sign taken here is the true one.
      const double eps = 1e-8 * ab_len * (std::hypot(q.x - p.x, q.y - p.y) + 1.0);
      const double d1 = orient(a, b, p), d2 = orient(a, b, q), d3 = orient(p, q, a), d4 = orient(p, q, b);
      if (std::abs(d1) <= eps || std::abs(d2) <= eps || std::abs(d3) <= eps || std::abs(d4) <= eps) {
        return cx::network::meetings(m_river, a, b);
      }
      if ((d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0)) m_at.push_back(d3 / (d3 - d4));  // share of a–b
    }
    std::sort(m_at.begin(), m_at.end());
    for (std::size_t k = 1; k < m_at.size(); ++k) {
      if ((m_at[k] - m_at[k - 1]) * ab_len <= 1e-6) return cx::network::meetings(m_river, a, b);
    }
    return m_at.size();
  }

private:
  struct Segment {
    geom::XY p, q;
  };
  const geom::Geometry& m_river;
  bool m_linear = false;
  std::vector<Segment> m_segments;
  mutable std::vector<double> m_at;  // where crossings fall along a–b (scratch)
};

/// What one origin zone adds to each river's figures, kept apart so origins can be searched on
/// several threads and still be added up in zone order.
struct OriginTally {
  std::size_t opposite_pairs = 0;
  std::size_t connected_pairs = 0;
  std::vector<double> detours;      ///< of connected pairs, in destination order
  std::vector<std::size_t> trips;   ///< per crossing link
};

/// A thread's own GEOS context, copies of the rivers made with it, and a search.
struct OriginWorker {
  OriginWorker(const RoadGraph& graph, const std::vector<const geom::Geometry*>& rivers,
               const geom::GeosContext& ctx)
      : search(graph) {
    own_rivers.reserve(rivers.size());  // the segment lists borrow these
    for (const auto* river : rivers) own_rivers.push_back(river->clone(ctx));
    for (const auto& river : own_rivers) segments.emplace_back(river);
  }
  OriginWorker(OriginWorker&&) = delete;  // the segment lists borrow the rivers
  std::vector<geom::Geometry> own_rivers;
  std::vector<RiverSegments> segments;
  QuickestSearch search;
};

// `search` must come from zone i's junction and have settled every zone's junction: a settled
// junction's cost and the path back from it are final, so they are what a search over the
// whole graph would give. `run_search` makes it so, and is called only when some pair from
// here lies across a river (unless the caller searched already).
template <typename RunSearch>
std::vector<OriginTally> tally_origin(const std::vector<RiverSegments>& segments, const RunSearch& run_search,
                                      const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                                      std::size_t i, const std::vector<CrossRiver>& rivers) {
  std::vector<OriginTally> out(rivers.size());
  const geom::XY from = graph.node(snaps[i].node).xy;
  const QuickestSearch* search = nullptr;
  for (std::size_t r = 0; r < rivers.size(); ++r) {
    OriginTally& t = out[r];
    t.trips.assign(rivers[r].links.size(), 0);
    for (std::size_t j = 0; j < snaps.size(); ++j) {
      if (i == j || !snaps[j].snapped()) continue;
      const geom::XY to = graph.node(snaps[j].node).xy;
      if (to == from || segments[r].meetings(from, to) % 2 == 0) continue;
      ++t.opposite_pairs;
      if (search == nullptr) search = &run_search();
      const std::uint32_t target = snaps[j].node.value();
      const double length_m = search->length_m(target);
      if (!std::isfinite(length_m)) continue;  // not reached
      ++t.connected_pairs;
      t.detours.push_back(length_m / std::hypot(to.x - from.x, to.y - from.y));
      // Back along the quickest path, counting the crossing links on it.
      for (NodeId at(target); search->via(at.value()).valid();) {
        const EdgeId e = search->via(at.value());
        const auto link = std::lower_bound(rivers[r].links.begin(), rivers[r].links.end(), e);
        if (link != rivers[r].links.end() && *link == e) ++t.trips[static_cast<std::size_t>(link - rivers[r].links.begin())];
        at = graph.edge(e).other_end(at);
      }
    }
  }
  return out;
}

std::vector<CrossRiver> rivers_with_links(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                          const std::vector<const geom::Geometry*>& rivers) {
  std::vector<CrossRiver> out(rivers.size());
  for (std::size_t r = 0; r < rivers.size(); ++r) {
    out[r].links = crossing_links(graph, lines, *rivers[r]);
    out[r].trips.assign(out[r].links.size(), 0);
  }
  return out;
}

// Adds the origins' tallies to `out` in zone order, then destination order, whatever thread
// did which origin.
void add_up(const std::vector<std::vector<OriginTally>>& tallies, std::vector<CrossRiver>& out) {
  std::vector<double> detour_sum(out.size(), 0.0);
  for (const auto& per_river : tallies) {
    for (std::size_t r = 0; r < per_river.size(); ++r) {
      CrossRiver& c = out[r];
      const OriginTally& t = per_river[r];
      c.opposite_pairs += t.opposite_pairs;
      c.connected_pairs += t.connected_pairs;
      for (const double detour : t.detours) {
        detour_sum[r] += detour;
        c.worst_detour = std::max(c.worst_detour.value_or(0.0), detour);
      }
      for (std::size_t k = 0; k < t.trips.size(); ++k) c.trips[k] += t.trips[k];
    }
  }
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (out[r].connected_pairs > 0) out[r].mean_detour = detour_sum[r] / static_cast<double>(out[r].connected_pairs);
  }
}

// Every joined origin's tallies, origins taken on `threads` threads, each with its own
// OriginWorker: `tally(worker, i)` searches from origin i (or has it searched) and tallies it.
template <typename Tally>
std::vector<std::vector<OriginTally>> tally_origins(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                                                    const std::vector<const geom::Geometry*>& rivers,
                                                    unsigned threads, const Tally& tally) {
  for (const auto* river : rivers) river->prime_for_sharing();  // copied by every worker
  std::vector<std::vector<OriginTally>> tallies(snaps.size());
  geom::ContextPool contexts(threads);
  parallel_items(
      snaps.size(), contexts.size(), [&] { return OriginWorker(graph, rivers, contexts.take()); },
      [&](OriginWorker& worker, std::size_t i) {
        if (snaps[i].snapped()) tallies[i] = tally(worker, i);
      });
  return tallies;
}

}  // namespace

std::vector<CrossRiver> cross_rivers(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                     const std::vector<ZoneSnap>& snaps,
                                     const std::vector<const geom::Geometry*>& rivers, unsigned threads) {
  std::vector<CrossRiver> out = rivers_with_links(graph, lines, rivers);
  const std::vector<NodeId> targets = zone_nodes(snaps);
  add_up(tally_origins(graph, snaps, rivers, threads,
                       [&](OriginWorker& worker, std::size_t i) {
                         const auto run_search = [&]() -> const QuickestSearch& {
                           worker.search.run(snaps[i].node, targets);
                           return worker.search;
                         };
                         return tally_origin(worker.segments, run_search, graph, snaps, i, out);
                       }),
         out);
  return out;
}

OdAndCrossRivers od_and_cross_rivers(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                                     const std::vector<ZoneSnap>& snaps,
                                     const std::vector<const geom::Geometry*>& rivers, unsigned threads) {
  OdAndCrossRivers out{empty_od(snaps), rivers_with_links(graph, lines, rivers)};
  const std::vector<NodeId> targets = zone_nodes(snaps);
  add_up(tally_origins(graph, snaps, rivers, threads,
                       [&](OriginWorker& worker, std::size_t i) {
                         worker.search.run(snaps[i].node, targets);  // as od_matrix searches
                         store_od_row(out.od, snaps, i, worker.search);
                         const auto searched = [&]() -> const QuickestSearch& { return worker.search; };
                         return tally_origin(worker.segments, searched, graph, snaps, i, out.rivers);
                       }),
         out.rivers);
  return out;
}

CrossRiver cross_river(const RoadGraph& graph, const std::vector<const roads::Road*>& lines,
                       const std::vector<ZoneSnap>& snaps, const geom::Geometry& river) {
  return std::move(cross_rivers(graph, lines, snaps, {&river}).front());
}

}  // namespace cx::network
