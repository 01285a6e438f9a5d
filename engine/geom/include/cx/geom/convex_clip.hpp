#pragma once

#include <optional>
#include <vector>

#include "cx/geom/geometry.hpp"

namespace cx::geom {

/// The ring of a single convex polygon without holes (or a multi-polygon of one such part),
/// counter-clockwise, without the closing point; nothing when `g` is anything else (several
/// parts, a hole, a reflex vertex, empty).
[[nodiscard]] std::optional<std::vector<XY>> convex_ring(const Geometry& g);

/// Intersection of two convex rings (as from convex_ring) by Sutherland–Hodgman clipping: exact
/// for convex inputs, and far cheaper than a general overlay. The result is convex and
/// counter-clockwise, without the closing point; fewer than 3 points means no area in common.
[[nodiscard]] std::vector<XY> clip_convex(const std::vector<XY>& subject,
                                          const std::vector<XY>& clip);

/// Whether two convex rings (as from convex_ring) have no interior point in common: some edge
/// of one has all of the other on or beyond its outer side (the separating-axis test, no
/// allocation). Neighbours in a tessellation, which share an edge, are disjoint.
[[nodiscard]] bool convex_interiors_disjoint(const std::vector<XY>& a, const std::vector<XY>& b);

/// Area of a ring (shoelace), positive for counter-clockwise.
[[nodiscard]] double ring_area(const std::vector<XY>& ring);

}  // namespace cx::geom
