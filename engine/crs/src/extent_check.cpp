#include "cx/crs/extent_check.hpp"

#include <cmath>
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
Extent to_lon_lat(const Crs& crs, const Extent& e) {
  const Crs geographic = Crs::from_user_input("EPSG:4326");
  CoordinateTransform to_degrees(crs, geographic);
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

}  // namespace

std::optional<std::string> check_extent_plausible(const Crs& crs, const Extent& extent) {
  if (extent.empty()) return std::nullopt;
  if (!std::isfinite(extent.min_x) || !std::isfinite(extent.max_x) ||
      !std::isfinite(extent.min_y) || !std::isfinite(extent.max_y)) {
    return "coordinates are not finite numbers (NaN or infinity)";
  }
  if (crs.is_geographic()) {
    if (!looks_like_degrees(extent)) {
      return fmt::format("extent {} is beyond ±180°/±90° but the CRS {} is geographic; "
                         "declare the layer's projected CRS instead",
                         extent_text(extent), crs.label());
    }
  } else if (crs.is_projected()) {
    const double span = std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y);
    if (looks_like_degrees(extent) && span < 10.0) {
      return fmt::format("extent {} looks like longitude/latitude degrees, but the CRS {} is "
                         "projected in metres; declare a geographic CRS such as EPSG:4490 or "
                         "EPSG:4326 for this layer",
                         extent_text(extent), crs.label());
    }
    const auto false_easting = crs.false_easting();
    if (false_easting && std::abs(*false_easting - 500000.0) < 1.0 && extent.max_x > 1.0e6) {
      return fmt::format("eastings up to {:.0f} m exceed 1 000 000 m, but {} has a false "
                         "easting of 500 000 m: these look like zone-prefixed Gauss-Krüger "
                         "coordinates (e.g. 38 4xx xxx); declare the zone-prefixed CRS (for "
                         "zone 38, EPSG:4526) instead",
                         extent.max_x, crs.label());
    }
  }
  const auto area = crs.area_of_use();
  if (!area) return std::nullopt;
  const Extent lon_lat = to_lon_lat(crs, extent);
  Extent allowed = *area;
  allowed.add(area->min_x - area_of_use_margin_deg, area->min_y - area_of_use_margin_deg);
  allowed.add(area->max_x + area_of_use_margin_deg, area->max_y + area_of_use_margin_deg);
  const bool inside = !lon_lat.empty() && lon_lat.min_x >= allowed.min_x &&
                      lon_lat.max_x <= allowed.max_x && lon_lat.min_y >= allowed.min_y &&
                      lon_lat.max_y <= allowed.max_y;
  if (!inside) {
    return fmt::format("extent {} lies outside the area of use of {} (lon/lat {}); the "
                       "declared CRS is probably wrong",
                       extent_text(extent), crs.label(), extent_text(*area));
  }
  return std::nullopt;
}

}  // namespace cx::crs
