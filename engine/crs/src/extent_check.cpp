#include "cx/crs/extent_check.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cx/crs/coordinate_transform.hpp"

namespace cx::crs {
namespace {

bool looks_like_degrees(const Extent& e) {
  return e.min_x >= -180.0 && e.max_x <= 180.0 && e.min_y >= -90.0 && e.max_y <= 90.0;
}

std::string extent_text(const Extent& e) {
  return fmt::format("({:.6g}, {:.6g}) - ({:.6g}, {:.6g})", e.min_x, e.min_y, e.max_x, e.max_y);
}

// The extent's corners and edge midpoints in lon/lat, or an empty extent when PROJ fails.
Extent to_lon_lat(const CoordinateTransform& to_degrees, const Extent& e) {
  const double mid_x = (e.min_x + e.max_x) / 2.0;
  const double mid_y = (e.min_y + e.max_y) / 2.0;
  std::vector<double> xs{e.min_x, e.max_x, e.min_x, e.max_x, mid_x, mid_x, e.min_x, e.max_x};
  std::vector<double> ys{e.min_y, e.min_y, e.max_y, e.max_y, e.min_y, e.max_y, mid_y, mid_y};
  to_degrees.transform(xs, ys);
  Extent out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (std::isfinite(xs[i]) && std::isfinite(ys[i])) out.add(xs[i], ys[i]);
  }
  return out;
}

// WGS 84's ellipsoid: the ground areas are compared on it (CGCS2000's differs by 1e-9).
constexpr double semi_major_m = 6378137.0;
constexpr double flattening = 1.0 / 298.257223563;

}  // namespace

std::optional<double> areal_scale_at(const Crs& crs, double x, double y, double step_m) {
  const Crs geographic = Crs::from_user_input("EPSG:4326");
  CoordinateTransform to_degrees(crs, geographic);
  // The centre and a step east and north of it, in degrees.
  std::vector<double> xs{x, x + step_m, x};
  std::vector<double> ys{y, y, y + step_m};
  to_degrees.transform(xs, ys);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) return std::nullopt;
  }
  constexpr double radian = std::numbers::pi / 180.0;
  const double lat = ys[0] * radian;
  const double ecc2 = flattening * (2.0 - flattening);
  const double w = std::sqrt(1.0 - ecc2 * std::sin(lat) * std::sin(lat));
  const double meridian_m = semi_major_m * (1.0 - ecc2) / (w * w * w);  // M: per radian north
  const double parallel_m = semi_major_m / w * std::cos(lat);           // N cos φ: per radian east
  // Ground vectors (east, north) of the two map steps; their cross product is the ground area
  // of the map's step × step square.
  const double east1 = (xs[1] - xs[0]) * radian * parallel_m;
  const double north1 = (ys[1] - ys[0]) * radian * meridian_m;
  const double east2 = (xs[2] - xs[0]) * radian * parallel_m;
  const double north2 = (ys[2] - ys[0]) * radian * meridian_m;
  const double ground_m2 = std::abs(east1 * north2 - east2 * north1);
  if (ground_m2 <= 0.0) return std::nullopt;
  return step_m * step_m / ground_m2;
}

std::optional<std::string> check_working_crs_scale(const Crs& crs, const Extent& extent, double tolerance) {
  if (extent.empty() || !extent.is_finite() || !crs.is_projected()) return std::nullopt;
  const double mid_x = (extent.min_x + extent.max_x) / 2.0;
  const double mid_y = (extent.min_y + extent.max_y) / 2.0;
  double worst = 1.0;
  for (const auto& [x, y] : {std::pair{mid_x, mid_y}, std::pair{extent.min_x, extent.min_y},
                             std::pair{extent.max_x, extent.min_y}, std::pair{extent.min_x, extent.max_y},
                             std::pair{extent.max_x, extent.max_y}}) {
    const auto scale = areal_scale_at(crs, x, y);
    if (scale && std::abs(*scale - 1.0) > std::abs(worst - 1.0)) worst = *scale;
  }
  if (std::abs(worst - 1.0) <= tolerance) return std::nullopt;
  return fmt::format("the working CRS {} measures areas {:.1f} % too {} over the data (areal scale "
                     "{:.4f}), so the rights-of-way and every m², ha and 亩 reported are off; "
                     "choose a projection made for the place, such as its Gauss-Krüger or UTM zone",
                     crs.label(), std::abs(worst - 1.0) * 100.0, worst > 1.0 ? "large" : "small", worst);
}

ExtentCheck::ExtentCheck(const Crs& crs)
    : m_crs(crs), m_metres_per_unit(crs.is_projected() ? crs.metres_per_unit() : 1.0),
      m_false_easting(crs.false_easting()) {
  if (const auto area = crs.area_of_use()) {
    Extent allowed = *area;
    allowed.add(area->min_x - area_of_use_margin_deg, area->min_y - area_of_use_margin_deg);
    allowed.add(area->max_x + area_of_use_margin_deg, area->max_y + area_of_use_margin_deg);
    m_area_of_use = *area;
    m_allowed = allowed;
  }
}

ExtentCheck::~ExtentCheck() = default;

std::optional<std::string> ExtentCheck::problem(const Extent& extent) const {
  if (extent.empty()) return std::nullopt;
  if (!std::isfinite(extent.min_x) || !std::isfinite(extent.max_x) ||
      !std::isfinite(extent.min_y) || !std::isfinite(extent.max_y)) {
    return "coordinates are not finite numbers (NaN or infinity)";
  }
  // No CRS puts the Earth beyond 10⁸ m (its circumference is 4 × 10⁷ m): a garbled number.
  const double largest = std::max({std::abs(extent.min_x), std::abs(extent.max_x),
                                   std::abs(extent.min_y), std::abs(extent.max_y)});
  if (largest * m_metres_per_unit > 1.0e8) {
    return fmt::format("coordinates up to {:.3g} are beyond any place on Earth in {}", largest, m_crs.label());
  }
  if (m_crs.is_geographic()) {
    if (!looks_like_degrees(extent)) {
      return fmt::format("extent {} is beyond ±180°/±90° but the CRS {} is geographic; "
                         "declare the layer's projected CRS instead",
                         extent_text(extent), m_crs.label());
    }
  } else if (m_crs.is_projected()) {
    const double span = std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    if (looks_like_degrees(extent) && span < 10.0) {
      return fmt::format("extent {} looks like longitude/latitude degrees, but the CRS {} is "
                         "projected in metres; declare a geographic CRS such as EPSG:4490 or "
                         "EPSG:4326 for this layer",
                         extent_text(extent), m_crs.label());
    }
    if (m_false_easting && std::abs(*m_false_easting - 500000.0) < 1.0 && extent.max_x > 1.0e6) {
      return fmt::format("eastings up to {:.0f} m exceed 1 000 000 m, but {} has a false "
                         "easting of 500 000 m: these look like zone-prefixed Gauss-Krüger "
                         "coordinates (e.g. 38 4xx xxx); declare the zone-prefixed CRS (for "
                         "zone 38, EPSG:4526) instead",
                         extent.max_x, m_crs.label());
    }
  }
  if (!m_allowed) return std::nullopt;
  if (!m_to_degrees) m_to_degrees = std::make_unique<CoordinateTransform>(m_crs, Crs::from_user_input("EPSG:4326"));
  const Extent lon_lat = to_lon_lat(*m_to_degrees, extent);
  const bool inside = !lon_lat.empty() && lon_lat.min_x >= m_allowed->min_x &&
                      lon_lat.max_x <= m_allowed->max_x && lon_lat.min_y >= m_allowed->min_y &&
                      lon_lat.max_y <= m_allowed->max_y;
  if (!inside) {
    return fmt::format("extent {} lies outside the area of use of {} (lon/lat {}); the "
                       "declared CRS is probably wrong",
                       extent_text(extent), m_crs.label(), extent_text(*m_area_of_use));
  }
  return std::nullopt;
}

std::optional<std::string> check_extent_plausible(const Crs& crs, const Extent& extent) {
  return ExtentCheck(crs).problem(extent);
}

}  // namespace cx::crs
