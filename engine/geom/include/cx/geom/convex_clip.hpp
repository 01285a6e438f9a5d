#pragma once

#include <optional>
#include <vector>

#include "cx/geom/geometry.hpp"

namespace cx::geom {

/// The ring of a single convex polygon without holes, counter-clockwise, without the closing
/// point; nothing when `g` is anything else (a multi-part, a hole, a reflex vertex).
[[nodiscard]] std::optional<std::vector<XY>> convex_ring(const Geometry& g);

/// Intersection of two convex rings (as from convex_ring) by Sutherland–Hodgman clipping: exact
/// for convex inputs, and far cheaper than a general overlay. The result is convex and
/// counter-clockwise, without the closing point; fewer than 3 points means no area in common.
[[nodiscard]] std::vector<XY> clip_convex(const std::vector<XY>& subject,
                                          const std::vector<XY>& clip);

/// Area of a ring (shoelace), positive for counter-clockwise.
[[nodiscard]] double ring_area(const std::vector<XY>& ring);

}  // namespace cx::geom
