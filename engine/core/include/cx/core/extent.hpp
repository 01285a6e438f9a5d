#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace cx {

/// An axis-aligned box in some CRS's units. Empty until a point is added.
struct Extent {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  [[nodiscard]] bool empty() const noexcept { return min_x > max_x || min_y > max_y; }
  /// Empty, or bounded by finite numbers (a NaN or infinite coordinate makes it neither).
  [[nodiscard]] bool is_finite() const noexcept {
    return empty() || (std::isfinite(min_x) && std::isfinite(min_y) && std::isfinite(max_x) &&
                       std::isfinite(max_y));
  }
  void add(double x, double y) noexcept {
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
  void add(const Extent& other) noexcept {
    if (other.empty()) return;
    add(other.min_x, other.min_y);
    add(other.max_x, other.max_y);
  }
  [[nodiscard]] bool intersects(const Extent& o) const noexcept {
    return !(o.min_x > max_x || o.max_x < min_x || o.min_y > max_y || o.max_y < min_y);
  }
  /// `o` lies wholly within this box (edges may touch).
  [[nodiscard]] bool contains(const Extent& o) const noexcept {
    return min_x <= o.min_x && min_y <= o.min_y && max_x >= o.max_x && max_y >= o.max_y;
  }
};

}  // namespace cx
