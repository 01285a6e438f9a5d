#include "cx/overlay/crossings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numbers>

#include "cx/core/parallel.hpp"
#include "cx/geom/context_pool.hpp"
#include "cx/geom/prepared_geometry.hpp"
#include "cx/geom/segment.hpp"

namespace cx::overlay {
namespace {

using geom::Geometry;
using geom::GeometryType;
using geom::XY;

// Simple parts of a geometry (a single geometry is its own only part).
std::vector<Geometry> simple_parts(const Geometry& g) {
  std::vector<Geometry> out;
  if (g.is_empty()) return out;
  const GeometryType t = g.type();
  if (t == GeometryType::Point || t == GeometryType::LineString || t == GeometryType::Polygon) {
    out.push_back(g.clone());
    return out;
  }
  for (int i = 0; i < g.num_geometries(); ++i) {
    for (auto& p : simple_parts(g.part(i))) out.push_back(std::move(p));
  }
  return out;
}

XY point_of(const Geometry& point) {
  const Extent e = point.extent();
  return {e.min_x, e.min_y};
}

// Direction (unit vector) of the segment of `line` nearest to `p`.
XY direction_near(const Geometry& line, XY p) {
  XY best{1.0, 0.0};
  double best_d = std::numeric_limits<double>::infinity();
  for (const auto& part : simple_parts(line)) {
    if (part.type() != GeometryType::LineString) continue;
    const auto pts = part.line_points();
    for (std::size_t i = 1; i < pts.size(); ++i) {
      const double dx = pts[i].x - pts[i - 1].x;
      const double dy = pts[i].y - pts[i - 1].y;
      const double len2 = dx * dx + dy * dy;
      if (len2 == 0.0) continue;
      const double d = geom::distance_to_segment(p, pts[i - 1], pts[i]);
      if (d < best_d) {
        best_d = d;
        const double len = std::sqrt(len2);
        best = {dx / len, dy / len};
      }
    }
  }
  return best;
}

// Acute angle between two directions, in degrees (0 = parallel, 90 = square crossing).
double acute_angle_deg(XY a, XY b) {
  const double cos_angle = std::min(1.0, std::abs(a.x * b.x + a.y * b.y));
  return std::acos(cos_angle) * 180.0 / std::numbers::pi;
}

struct WaterSpan {
  std::string river;
  Geometry span;
};

/// A centre line's crossings with water. `line` and the rivers are the calling thread's copies.
std::vector<RiverCrossing> crossings_of_line(std::size_t w, std::size_t l, const Geometry& line, bool bridge,
                                             const std::vector<rivers::River>& river_lines,
                                             const std::vector<rivers::River>& river_areas) {
  std::vector<RiverCrossing> out;
  std::vector<WaterSpan> spans;
  for (const auto& area : river_areas) {
    if (!line.extent().intersects(area.geometry.extent())) continue;
    for (auto& part : simple_parts(line.intersection(area.geometry))) {
      if (part.type() == GeometryType::LineString && part.length() > 0.0) {
        spans.push_back({area.name, std::move(part)});
      }
    }
  }
  std::vector<bool> span_used(spans.size(), false);
  for (const auto& river : river_lines) {
    if (!line.extent().intersects(river.geometry.extent())) continue;
    for (const auto& part : simple_parts(line.intersection(river.geometry))) {
      if (part.type() != GeometryType::Point) continue;  // collinear overlaps are not crossings
      RiverCrossing c{w, l, river.name, point_of(part), 0.0, std::nullopt, bridge};
      c.angle_deg = acute_angle_deg(direction_near(line, c.point),
                                    direction_near(river.geometry, c.point));
      for (std::size_t s = 0; s < spans.size(); ++s) {
        if (!span_used[s] && spans[s].span.distance(part) < 1e-6) {
          span_used[s] = true;
          c.length_over_water_m = spans[s].span.length();
          break;
        }
      }
      out.push_back(std::move(c));
    }
  }
  // Water crossed where no river centre line is drawn: one crossing at the span's middle.
  for (std::size_t s = 0; s < spans.size(); ++s) {
    if (span_used[s]) continue;
    RiverCrossing c{w, l, spans[s].river, spans[s].span.midpoint(), spans[s].span.length(),
                    std::nullopt, bridge};
    for (const auto& river : river_lines) {
      if (river.name == spans[s].river) {
        c.angle_deg = acute_angle_deg(direction_near(line, c.point),
                                      direction_near(river.geometry, c.point));
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool crosses_any_road(const roads::Road& bridge, const std::vector<const roads::Road*>& roads) {
  for (const auto* road : roads) {
    if (road != &bridge && bridge.geometry.extent().intersects(road->geometry.extent()) &&
        bridge.geometry.crosses(road->geometry)) {
      return true;
    }
  }
  return false;
}

// A corridor runs the length of a river: most rights-of-way in its bounding box miss it, and
// most that touch it lie wholly inside or cross it once. The prepared corridor answers "misses"
// and "wholly inside" without an intersection.
// `right_of_way`, `centre_line`, the corridors and their prepared forms are the calling
// thread's copies.
void corridor_crossings(std::size_t w, const Geometry& right_of_way, const Geometry& centre_line,
                        const std::vector<Geometry>& corridors,
                        const std::vector<std::unique_ptr<geom::PreparedGeometry>>& prepared,
                        CrossingResult& out) {
  for (std::size_t c = 0; c < corridors.size(); ++c) {
    const auto& corridor = corridors[c];
    if (!prepared[c]->intersects(right_of_way)) continue;
    const bool within = prepared[c]->covers(right_of_way);
    const double area_m2 = within ? right_of_way.area() : right_of_way.intersection(corridor).polygonal_parts().area();
    const Geometry inside = within ? centre_line.clone() : centre_line.intersection(corridor);
    const double length_m = inside.length();
    if (area_m2 <= 0.0 && length_m <= 0.0) continue;
    out.corridor_overlaps.push_back({w, c, area_m2, length_m});
    for (const auto& piece : simple_parts(inside)) {
      if (piece.type() != GeometryType::LineString || piece.length() <= 0.0) continue;
      const XY at = piece.midpoint();
      out.corridors.push_back({w, c, at, piece.length(), 0.0});  // width: see find_crossings
    }
  }
}

}  // namespace

namespace {

// The chord is measured on the polygon's own segments with plain arithmetic: asking GEOS to
// intersect a line across the whole polygon 180 times per crossing took seconds for a long,
// winding corridor. The result is the same piece GEOS's intersection gives (the test compares
// the two): the longest stretch of the line through the point that stays in the closed polygon.
constexpr double on_boundary_m = 1e-6;

double cross(XY a, XY b) { return a.x * b.y - a.y * b.x; }

}  // namespace

// A segment can put a point on the boundary (within on_boundary_m) or change the even-odd
// count of a horizontal ray from it only if the point's height lies within the segment's height
// range widened by on_boundary_m; the bands use a margin far wider than that and than rounding.
constexpr double band_margin_m = 1e-3;

ChordGauge::ChordGauge(const geom::Geometry& polygon) {
  for (const auto& ring : polygon.rings()) {
    for (std::size_t k = 0; k + 1 < ring.size(); ++k) m_segments.push_back({ring[k], ring[k + 1]});
  }
  const Extent e = polygon.extent();
  m_diagonal_m = e.empty() ? 0.0 : std::hypot(e.max_x - e.min_x, e.max_y - e.min_y);
  if (m_segments.empty()) return;
  // About eight segments a band on a polygon whose rings are spread evenly over its height.
  const std::size_t bands = std::clamp<std::size_t>(m_segments.size() / 8, 1, 4096);
  m_band_y0 = e.min_y - band_margin_m;
  m_band_height = std::max((e.max_y + band_margin_m - m_band_y0) / static_cast<double>(bands), band_margin_m);
  const auto band_at = [&](double y) {
    return static_cast<std::size_t>(std::clamp(std::floor((y - m_band_y0) / m_band_height), 0.0,
                                               static_cast<double>(bands - 1)));
  };
  std::vector<std::uint32_t> count(bands + 1, 0);
  const auto each_band = [&](const Segment& s, const auto& fn) {
    const std::size_t last = band_at(std::max(s.a.y, s.b.y) + band_margin_m);
    for (std::size_t k = band_at(std::min(s.a.y, s.b.y) - band_margin_m); k <= last; ++k) fn(k);
  };
  for (const Segment& s : m_segments) each_band(s, [&](std::size_t k) { ++count[k + 1]; });
  for (std::size_t k = 0; k < bands; ++k) count[k + 1] += count[k];
  m_band_first = count;
  m_band_segments.resize(count[bands]);
  for (const Segment& s : m_segments) each_band(s, [&](std::size_t k) { m_band_segments[count[k]++] = s; });
}

std::span<const ChordGauge::Segment> ChordGauge::band_of(double y) const {
  if (m_band_first.empty()) return {};
  const double at = std::floor((y - m_band_y0) / m_band_height);
  const auto bands = static_cast<double>(m_band_first.size() - 1);
  if (!(at >= 0.0 && at < bands)) return {};  // beyond every segment's widened height range
  const auto k = static_cast<std::size_t>(at);
  return std::span(m_band_segments).subspan(m_band_first[k], m_band_first[k + 1] - m_band_first[k]);
}

// In the closed polygon: on a ring, or inside by the even-odd rule over all rings (holes too).
bool ChordGauge::covers(XY q) const {
  bool inside = false;
  for (const auto& [a, b] : band_of(q.y)) {
    if (geom::distance_to_segment(q, a, b) <= on_boundary_m) return true;
    if ((a.y > q.y) != (b.y > q.y) && q.x < a.x + (q.y - a.y) * (b.x - a.x) / (b.y - a.y)) inside = !inside;
  }
  return inside;
}

bool ChordGauge::on_boundary(XY q) const {
  const auto segments = band_of(q.y);
  return std::any_of(segments.begin(), segments.end(),
                     [&](const Segment& s) { return geom::distance_to_segment(q, s.a, s.b) <= on_boundary_m; });
}

// Where the line p + t·d meets the segments, as values of t. A hit is clean when the line
// crosses a segment inside it (not at a vertex, not along it): there it passes from inside to
// outside, or back. Collinear overlaps give both ends, unclean.
std::vector<ChordGauge::Hit> ChordGauge::boundary_hits(std::span<const Segment> segments, XY p, XY d) {
  constexpr double at_vertex = 1e-9;  // share of a segment's length
  std::vector<Hit> out;
  for (const auto& [a, b] : segments) {
    const XY r{b.x - a.x, b.y - a.y};
    const XY ap{a.x - p.x, a.y - p.y};
    const double denom = cross(d, r);
    if (std::abs(denom) <= 1e-12 * (std::abs(r.x) + std::abs(r.y))) {  // parallel
      if (std::abs(cross(ap, d)) <= on_boundary_m) {
        out.push_back({ap.x * d.x + ap.y * d.y, false});
        out.push_back({(b.x - p.x) * d.x + (b.y - p.y) * d.y, false});
      }
      continue;
    }
    const double u = cross(ap, d) / denom;
    if (u < -at_vertex || u > 1.0 + at_vertex) continue;
    out.push_back({cross(ap, r) / denom, u > at_vertex && u < 1.0 - at_vertex});
  }
  return out;
}

// How far from p (t = 0, inside the polygon) the line stays in it in the direction `sign`
// (+1 or -1). Usually the first hit, a clean crossing out; where hits are unclean or fall
// together, each stretch between hits is tested by its middle. `hits` must hold every hit
// within `window` of p; the answer is marked `beyond` when it may lie farther than that.
ChordGauge::Reach ChordGauge::reach(XY p, XY d, const std::vector<Hit>& hits, double sign, bool p_on_boundary,
                                    double window) const {
  std::vector<Hit> ahead;
  for (const Hit& h : hits) {
    if (sign * h.t > 0.0) ahead.push_back({sign * h.t, h.clean});
  }
  std::sort(ahead.begin(), ahead.end(), [](const Hit& a, const Hit& b) { return a.t < b.t; });
  const auto inside_between = [&](double from, double to) {
    const double mid = sign * (from + to) / 2.0;
    return covers({p.x + mid * d.x, p.y + mid * d.y});
  };
  // Decisions made within the window, short of its edge, are those the whole polygon gives.
  const double trusted = window - 10.0 * on_boundary_m;
  double reached = 0.0;
  for (std::size_t i = 0; i < ahead.size(); ++i) {
    const double next = ahead[i].t;
    if (next - reached <= 0.0) continue;
    const bool first = reached == 0.0;
    const bool alone = i + 1 == ahead.size() || ahead[i + 1].t - next > on_boundary_m;
    // Known inside: the stretch from p when p is not on the boundary, until the first hit.
    if (!(first && !p_on_boundary) && !inside_between(reached, next)) return {reached, reached > trusted};
    reached = next;
    if (ahead[i].clean && alone) return {reached, reached > trusted};  // crossed out of the polygon here
  }
  if (!std::isfinite(window)) return {reached, false};
  // No hit ahead within the window: the line stops at the last one only if the stretch after
  // it (no boundary inside it, up to the window's edge at least) is outside.
  if (reached > trusted) return {reached, true};
  const bool goes_on = (reached == 0.0 && !p_on_boundary) || inside_between(reached, window);
  return {reached, goes_on};
}

namespace {

// The smallest value golden-section search finds of `f` on [lo, hi] (60 steps: the bracket
// shrinks to 1e-12 of itself). A local search: callers keep the better of it and what they had.
template <typename F>
double golden_section_min(const F& f, double lo, double hi) {
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double c = hi - ratio * (hi - lo), d = lo + ratio * (hi - lo);
  double fc = f(c), fd = f(d);
  for (int i = 0; i < 60; ++i) {
    if (fc <= fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - ratio * (hi - lo);
      fc = f(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + ratio * (hi - lo);
      fd = f(d);
    }
  }
  return std::min(fc, fd);
}

}  // namespace

// Tried first with the segments near the point, within a window of `window` metres: the chord
// in a direction is exact when both its ends lie within the window; a direction whose line
// leaves the window inside the polygon has a chord at least as long as the window. So once the
// narrowest exact chord is shorter than the window, no other direction can beat it; otherwise
// the window grows, up to the whole polygon.
double ChordGauge::narrowest_m(XY point, double step_deg) const {
  if (!covers(point)) return 0.0;
  const bool p_on_boundary = on_boundary(point);
  std::vector<Segment> near;
  for (double window = 256.0;; window *= 4.0) {
    const bool whole = window >= 2.0 * m_diagonal_m;
    std::span<const Segment> segments = m_segments;
    if (!whole) {
      near.clear();
      for (const Segment& s : m_segments) {
        if (std::max(s.a.x, s.b.x) >= point.x - window && std::min(s.a.x, s.b.x) <= point.x + window &&
            std::max(s.a.y, s.b.y) >= point.y - window && std::min(s.a.y, s.b.y) <= point.y + window) {
          near.push_back(s);
        }
      }
      segments = near;
    }
    const double limit = whole ? std::numeric_limits<double>::infinity() : window;
    // The exact chord in direction `a` (degrees); infinite when it may reach beyond the window.
    const auto chord_at = [&](double a) {
      const double r = a * std::numbers::pi / 180.0;
      const XY d{std::cos(r), std::sin(r)};
      const auto hits = boundary_hits(segments, point, d);
      const Reach ahead = reach(point, d, hits, 1.0, p_on_boundary, limit);
      const Reach behind = reach(point, d, hits, -1.0, p_on_boundary, limit);
      const double chord = ahead.length_m + behind.length_m;
      return ahead.beyond || behind.beyond || chord <= 0.0 ? std::numeric_limits<double>::infinity() : chord;
    };
    double best = std::numeric_limits<double>::infinity(), best_deg = 0.0;
    for (double a = 0.0; a < 180.0; a += step_deg) {
      if (const double chord = chord_at(a); chord < best) {
        best = chord;
        best_deg = a;
      }
    }
    // The narrowest direction lies within a step of the best one tried; near a curved edge the
    // chord changes fast with the direction, so the minimum there is searched for (golden
    // section), never making the answer longer.
    if (std::isfinite(best)) best = std::min(best, golden_section_min(chord_at, best_deg - step_deg, best_deg + step_deg));
    if (whole) return std::isfinite(best) ? best : 0.0;
    if (best <= limit - 10.0 * on_boundary_m) return best;
  }
}

double narrowest_chord_m(const geom::Geometry& polygon, geom::XY point, double step_deg) {
  return ChordGauge(polygon).narrowest_m(point, step_deg);
}

namespace {

/// A thread's GEOS context with its own copies of the water and the corridors (and the
/// corridors prepared): every GEOS call a work's crossings make stays on this thread.
struct CrossingWorker {
  CrossingWorker(const geom::GeosContext& ctx, const std::vector<rivers::River>& river_lines,
                 const std::vector<rivers::River>& river_areas, const std::vector<corridors::Corridor>& corridors)
      : context(ctx), own_river_lines(copies(ctx, river_lines)), own_river_areas(copies(ctx, river_areas)) {
    for (const auto& corridor : corridors) own_corridors.push_back(corridor.geometry.clone(ctx));
    for (const auto& corridor : own_corridors) prepared.push_back(std::make_unique<geom::PreparedGeometry>(corridor));
  }
  CrossingWorker(CrossingWorker&&) = delete;  // the prepared corridors borrow the copies

  static std::vector<rivers::River> copies(const geom::GeosContext& ctx, const std::vector<rivers::River>& rivers) {
    std::vector<rivers::River> out;
    for (const auto& r : rivers) out.push_back({r.key, r.fid, r.name, r.geometry.clone(ctx)});
    return out;
  }

  const geom::GeosContext& context;
  std::vector<rivers::River> own_river_lines, own_river_areas;
  std::vector<Geometry> own_corridors;
  std::vector<std::unique_ptr<geom::PreparedGeometry>> prepared;
};

/// One work's crossings, and its proposal bridge lines that cross no water (still to be
/// checked against the other roads).
struct WorkCrossings {
  CrossingResult found;
  std::vector<std::size_t> dry_bridges;
};

}  // namespace

CrossingResult find_crossings(const std::vector<Work>& works,
                              const std::vector<const roads::Road*>& lines,
                              const std::vector<rivers::River>& river_lines,
                              const std::vector<rivers::River>& river_areas,
                              const std::vector<corridors::Corridor>& corridors,
                              const std::vector<const roads::Road*>& other_roads, unsigned threads) {
  // What the workers test before copying anything, measured here: GEOS caches envelopes when
  // first asked, so shared geometries are only read by the workers once this is done.
  Extent water, green;
  for (const auto& r : river_lines) water.add(r.geometry.extent());
  for (const auto& r : river_areas) water.add(r.geometry.extent());
  for (const auto& c : corridors) green.add(c.geometry.extent());
  std::vector<Extent> line_extent(lines.size()), row_extent(works.size());
  for (std::size_t l = 0; l < lines.size(); ++l) line_extent[l] = lines[l]->geometry.extent();
  for (std::size_t w = 0; w < works.size(); ++w) {
    row_extent[w] = works[w].right_of_way.extent();
    works[w].right_of_way.prime_for_sharing();
    works[w].centre_line.prime_for_sharing();
  }
  for (const auto* line : lines) line->geometry.prime_for_sharing();
  for (const auto* layer : {&river_lines, &river_areas}) {
    for (const auto& r : *layer) r.geometry.prime_for_sharing();  // copied by every worker
  }
  for (const auto& c : corridors) c.geometry.prime_for_sharing();

  std::vector<WorkCrossings> per_work(works.size());
  geom::ContextPool contexts(threads);
  parallel_items(
      works.size(), contexts.size(),
      [&] { return CrossingWorker(contexts.take(), river_lines, river_areas, corridors); },
      [&](CrossingWorker& worker, std::size_t w) {
        WorkCrossings& mine = per_work[w];
        for (const std::size_t l : works[w].lines) {
          std::vector<RiverCrossing> found;
          if (line_extent[l].intersects(water)) {
            const Geometry line = lines[l]->geometry.clone(worker.context);
            found = crossings_of_line(w, l, line, lines[l]->bridge, worker.own_river_lines, worker.own_river_areas);
          }
          if (works[w].is_proposal() && lines[l]->bridge && found.empty()) mine.dry_bridges.push_back(l);
          for (auto& c : found) mine.found.rivers.push_back(std::move(c));
        }
        if (row_extent[w].intersects(green)) {
          const Geometry right_of_way = works[w].right_of_way.clone(worker.context);
          const Geometry centre_line = works[w].centre_line.clone(worker.context);
          corridor_crossings(w, right_of_way, centre_line, worker.own_corridors, worker.prepared, mine.found);
        }
      });

  // In work order, as if found one work after another; the few dry bridges are checked against
  // the other roads here, on the roads' own context.
  CrossingResult out;
  for (auto& mine : per_work) {
    for (auto& c : mine.found.rivers) out.rivers.push_back(std::move(c));
    for (const std::size_t l : mine.dry_bridges) {
      if (!crosses_any_road(*lines[l], other_roads)) out.bridges_over_nothing.push_back(l);
    }
    for (auto& c : mine.found.corridors) out.corridors.push_back(c);
    for (auto& o : mine.found.corridor_overlaps) out.corridor_overlaps.push_back(o);
  }
  // The corridor's width at each crossing: plain arithmetic on the gauges' own copies of the
  // corridors' segments (no GEOS), so the crossings are measured on every core.
  std::vector<ChordGauge> gauges;
  for (const auto& corridor : corridors) gauges.emplace_back(corridor.geometry);
  parallel_items(
      out.corridors.size(), threads, [] { return 0; },
      [&](int /*no state*/, std::size_t i) {
        CorridorCrossing& c = out.corridors[i];
        c.corridor_width_m = gauges[c.corridor].narrowest_m(c.point);
      });
  return out;
}

}  // namespace cx::overlay
