#pragma once

#include <algorithm>
#include <cmath>

#include "cx/geom/geometry.hpp"

namespace cx::geom {

/// The point of segment a–b nearest `p`: its share `t` of the way from a to b (0 for a segment
/// of no length) and the point itself.
struct SegmentPoint {
  double t = 0.0;
  XY at;
};

[[nodiscard]] inline SegmentPoint nearest_on_segment(XY p, XY a, XY b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  const double t = len2 > 0.0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
  return {t, {a.x + t * dx, a.y + t * dy}};
}

/// How far `p` is from segment a–b.
[[nodiscard]] inline double distance_to_segment(XY p, XY a, XY b) {
  const XY at = nearest_on_segment(p, a, b).at;
  return std::hypot(p.x - at.x, p.y - at.y);
}

}  // namespace cx::geom
