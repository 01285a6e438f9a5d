#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cx/core/extent.hpp"
#include "cx/crs/coordinate_transform.hpp"
#include "cx/crs/crs.hpp"

namespace cx::crs {

/// Checks that a layer's extent can really be in `crs`: degrees in a projected layer,
/// zone-prefixed Gauss-Krüger eastings (above 1 000 000 m where the false easting is 500 000 m),
/// values beyond ±180/±90 in a geographic layer, numbers beyond any place on Earth, or an
/// extent far outside the CRS's area of use. Returns a sentence explaining the problem and
/// what to do, or nothing when plausible.
[[nodiscard]] std::optional<std::string> check_extent_plausible(const Crs& crs, const Extent& extent);

/// check_extent_plausible for many extents in one CRS (each feature of a layer, to find the one
/// to name): the CRS's facts and the transform to lon/lat are worked out once. Not thread-safe.
class ExtentCheck {
public:
  explicit ExtentCheck(const Crs& crs);  ///< `crs` must outlive the check
  ~ExtentCheck();
  ExtentCheck(const ExtentCheck&) = delete;
  ExtentCheck& operator=(const ExtentCheck&) = delete;
  [[nodiscard]] std::optional<std::string> problem(const Extent& extent) const;

private:
  const Crs& m_crs;
  double m_metres_per_unit;
  std::optional<double> m_false_easting;
  std::optional<Extent> m_area_of_use;  ///< lon/lat, as published
  std::optional<Extent> m_allowed;      ///< the area of use and its margin
  mutable std::unique_ptr<CoordinateTransform> m_to_degrees;  // made when first needed
};

/// How much a working CRS scales areas at (x, y) (in its own coordinates): 1 where a square
/// metre of the map is a square metre of the ground (the ellipsoid's, WGS 84). Worked out from
/// the map-to-geographic transform at points `step_m` apart, not from PROJ's own factors, so
/// it is a second method. None where the point cannot be transformed.
[[nodiscard]] std::optional<double> areal_scale_at(const Crs& crs, double x, double y, double step_m = 10.0);

/// Checks that a projected working CRS measures areas over `extent` (in its coordinates)
/// within `tolerance` (0.01: 1 %) of the ground's, at the extent's centre and corners. Returns a
/// sentence for a warning (Web Mercator inflates areas by half at 35° N; a UTM zone far from
/// the data stretches them), or nothing.
[[nodiscard]] std::optional<std::string> check_working_crs_scale(const Crs& crs, const Extent& extent,
                                                                 double tolerance = 0.01);

/// How far (degrees) an extent may reach beyond a CRS's published area of use before it is
/// refused: data often spills a little over a zone edge, but not by a whole zone.
inline constexpr double area_of_use_margin_deg = 1.0;

}  // namespace cx::crs
