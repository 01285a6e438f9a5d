#pragma once

#include <memory>
#include <optional>
#include <span>

#include "cx/core/extent.hpp"
#include "cx/crs/crs.hpp"

namespace cx::crs {

struct TransformImpl;

/// Transforms coordinates from one CRS to another through PROJ, in traditional GIS axis
/// order on both sides. One object per thread: PROJ transformation objects are not thread-safe.
class CoordinateTransform {
public:
  /// Throws cx::InputError when PROJ finds no transformation between the two.
  CoordinateTransform(const Crs& source, const Crs& target);
  ~CoordinateTransform();
  CoordinateTransform(CoordinateTransform&&) noexcept;
  CoordinateTransform& operator=(CoordinateTransform&&) noexcept;
  CoordinateTransform(const CoordinateTransform&) = delete;
  CoordinateTransform& operator=(const CoordinateTransform&) = delete;

  /// Transforms the points in place. Returns false when any point failed (left as infinity).
  bool transform(std::span<double> x, std::span<double> y) const;

private:
  std::unique_ptr<TransformImpl> m_impl;
};

/// The box of `to` that holds `box` of `from`: the box's outline, 64 points a side,
/// transformed, and its bounds widened by a thousandth of their size (edges between the points
/// may bow out a little); `box` itself when the two are the same. None when PROJ has no
/// transformation or a point fails.
[[nodiscard]] std::optional<Extent> transform_box(const Extent& box, const Crs& from, const Crs& to);

}  // namespace cx::crs
