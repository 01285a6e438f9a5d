#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cx/geom/geometry.hpp"

namespace cx::network {

/// A place where a line must be split for `crossings` noding: on segment `segment` (from
/// vertex `segment` to the next) at `fraction` of its length; fraction 0 is the vertex itself.
struct SplitPoint {
  std::uint32_t segment = 0;
  double fraction = 0.0;
  geom::XY xy;
};

/// For each line, where other lines on the same z-level cross or touch it in plan (the crossing
/// point is computed once and given to both lines, so their ends there coincide exactly), and
/// where a line end arrives within `tolerance` of it (a T-junction, or an end stopping just
/// short: the end's own position is put on the line). Lines on different levels never meet
/// here. Collinear overlaps are not split (only ends arriving on them are). Sorted along each
/// line, without repeats.
[[nodiscard]] std::vector<std::vector<SplitPoint>> crossing_splits(
    const std::vector<std::span<const geom::XY>>& lines, const std::vector<int>& z_levels, double tolerance);

}  // namespace cx::network
