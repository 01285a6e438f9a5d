#include "cx/overlay/crossings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

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
      const double t = std::clamp(((p.x - pts[i - 1].x) * dx + (p.y - pts[i - 1].y) * dy) / len2,
                                  0.0, 1.0);
      const double d = std::hypot(pts[i - 1].x + t * dx - p.x, pts[i - 1].y + t * dy - p.y);
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

std::vector<RiverCrossing> crossings_of_line(std::size_t w, std::size_t l, const roads::Road& line,
                                             const std::vector<rivers::River>& river_lines,
                                             const std::vector<rivers::River>& river_areas) {
  std::vector<RiverCrossing> out;
  std::vector<WaterSpan> spans;
  for (const auto& area : river_areas) {
    if (!line.geometry.extent().intersects(area.geometry.extent())) continue;
    for (auto& part : simple_parts(line.geometry.intersection(area.geometry))) {
      if (part.type() == GeometryType::LineString && part.length() > 0.0) {
        spans.push_back({area.name, std::move(part)});
      }
    }
  }
  std::vector<bool> span_used(spans.size(), false);
  for (const auto& river : river_lines) {
    if (!line.geometry.extent().intersects(river.geometry.extent())) continue;
    for (const auto& part : simple_parts(line.geometry.intersection(river.geometry))) {
      if (part.type() != GeometryType::Point) continue;  // collinear overlaps are not crossings
      RiverCrossing c{w, l, river.name, point_of(part), 0.0, std::nullopt, line.bridge};
      c.angle_deg = acute_angle_deg(direction_near(line.geometry, c.point),
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
                    std::nullopt, line.bridge};
    for (const auto& river : river_lines) {
      if (river.name == spans[s].river) {
        c.angle_deg = acute_angle_deg(direction_near(line.geometry, c.point),
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

void corridor_crossings(std::size_t w, const Work& work,
                        const std::vector<corridors::Corridor>& corridors, CrossingResult& out) {
  for (std::size_t c = 0; c < corridors.size(); ++c) {
    const auto& corridor = corridors[c].geometry;
    if (!work.right_of_way.extent().intersects(corridor.extent())) continue;
    const double area_m2 = work.right_of_way.intersection(corridor).polygonal_parts().area();
    const Geometry inside = work.centre_line.intersection(corridor);
    const double length_m = inside.length();
    if (area_m2 <= 0.0 && length_m <= 0.0) continue;
    out.corridor_overlaps.push_back({w, c, area_m2, length_m});
    for (const auto& piece : simple_parts(inside)) {
      if (piece.type() != GeometryType::LineString || piece.length() <= 0.0) continue;
      const XY at = piece.midpoint();
      out.corridors.push_back({w, c, at, piece.length(), narrowest_chord_m(corridor, at)});
    }
  }
}

}  // namespace

double narrowest_chord_m(const geom::Geometry& polygon, geom::XY point, double step_deg) {
  const auto& ctx = polygon.context();
  const Geometry p = Geometry::point(ctx, point);
  const Extent e = polygon.extent();
  const double reach = std::hypot(e.max_x - e.min_x, e.max_y - e.min_y) + 1.0;
  double best = std::numeric_limits<double>::infinity();
  for (double a = 0.0; a < 180.0; a += step_deg) {
    const double r = a * std::numbers::pi / 180.0;
    const XY ends[] = {{point.x - reach * std::cos(r), point.y - reach * std::sin(r)},
                       {point.x + reach * std::cos(r), point.y + reach * std::sin(r)}};
    const Geometry chord = Geometry::line_string(ctx, ends).intersection(polygon);
    for (const auto& piece : simple_parts(chord)) {
      if (piece.type() == GeometryType::LineString && piece.distance(p) < 1e-6) {
        best = std::min(best, piece.length());
      }
    }
  }
  return std::isfinite(best) ? best : 0.0;
}

CrossingResult find_crossings(const std::vector<Work>& works,
                              const std::vector<const roads::Road*>& lines,
                              const std::vector<rivers::River>& river_lines,
                              const std::vector<rivers::River>& river_areas,
                              const std::vector<corridors::Corridor>& corridors,
                              const std::vector<const roads::Road*>& other_roads) {
  CrossingResult out;
  for (std::size_t w = 0; w < works.size(); ++w) {
    for (const std::size_t l : works[w].lines) {
      auto found = crossings_of_line(w, l, *lines[l], river_lines, river_areas);
      if (works[w].is_proposal() && lines[l]->bridge && found.empty() &&
          !crosses_any_road(*lines[l], other_roads)) {
        out.bridges_over_nothing.push_back(l);
      }
      for (auto& c : found) out.rivers.push_back(std::move(c));
    }
    corridor_crossings(w, works[w], corridors, out);
  }
  return out;
}

}  // namespace cx::overlay
