#include <proj.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "cx/core/error.hpp"
#include "cx/crs/coordinate_transform.hpp"
#include "cx/crs/crs.hpp"
#include "cx/crs/extent_check.hpp"

namespace cx::crs {
namespace {

// The same point transformed by PROJ's own C API, as an independent oracle.
std::pair<double, double> proj_reference(const char* from, const char* to, double x, double y) {
  PJ_CONTEXT* ctx = proj_context_create();
  PJ* raw = proj_create_crs_to_crs(ctx, from, to, nullptr);
  PJ* pj = proj_normalize_for_visualization(ctx, raw);  // lon/lat, easting/northing order
  const PJ_COORD out = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0));
  proj_destroy(pj);
  proj_destroy(raw);
  proj_context_destroy(ctx);
  return {out.xy.x, out.xy.y};
}

Extent box(double x0, double y0, double x1, double y1) {
  Extent e;
  e.add(x0, y0);
  e.add(x1, y1);
  return e;
}

TEST(CoordinateTransform, MatchesProjForTheCrossAxisCentre) {
  // 113.25°E 35.17°N: the Dasha River × Yingbin Road crossing, CGCS2000 geographic → 3° GK CM 114E.
  const auto [ref_x, ref_y] = proj_reference("EPSG:4490", "EPSG:4547", 113.25, 35.17);
  CoordinateTransform t(Crs::from_user_input("EPSG:4490"), Crs::from_user_input("EPSG:4547"));
  std::vector<double> x{113.25};
  std::vector<double> y{35.17};
  ASSERT_TRUE(t.transform(x, y));
  EXPECT_NEAR(x[0], ref_x, 1e-6);
  EXPECT_NEAR(y[0], ref_y, 1e-6);
  // Traditional GIS order: x is the easting (west of the central meridian: below 500 000 m).
  EXPECT_GT(x[0], 400000.0);
  EXPECT_LT(x[0], 500000.0);
  EXPECT_GT(y[0], 3800000.0);
}

TEST(Crs, ReportsEpsgCodeAndFalseEasting) {
  const Crs gk = Crs::from_user_input("EPSG:4547");
  EXPECT_TRUE(gk.is_projected());
  EXPECT_EQ(gk.epsg_code(), 4547);
  EXPECT_EQ(gk.label(), "EPSG:4547");
  ASSERT_TRUE(gk.false_easting().has_value());
  EXPECT_DOUBLE_EQ(*gk.false_easting(), 500000.0);
}

TEST(Crs, RefusesChineseWebMapSystems) {
  for (const char* text : {"GCJ-02", "gcj02", "BD-09", "bd09ll"}) {
    EXPECT_THROW((void)Crs::from_user_input(text), ConfigError) << text;
  }
}

TEST(Crs, RefusesGibberish) {
  EXPECT_THROW((void)Crs::from_user_input("EPSG:999999"), ConfigError);
  EXPECT_THROW((void)Crs::from_user_input(""), ConfigError);
}

TEST(ExtentCheck, AcceptsDataInTheCrossArea) {
  const Crs gk = Crs::from_user_input("EPSG:4547");
  EXPECT_FALSE(check_extent_plausible(gk, box(428680, 3890710, 434680, 3896710)).has_value());
}

TEST(ExtentCheck, DetectsZonePrefixedEastings) {
  const Crs gk = Crs::from_user_input("EPSG:4547");
  const auto problem = check_extent_plausible(gk, box(38428680, 3890710, 38434680, 3896710));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("zone-prefixed"), std::string::npos) << *problem;
}

TEST(ExtentCheck, DetectsDegreesInAProjectedLayer) {
  const Crs gk = Crs::from_user_input("EPSG:4547");
  const auto problem = check_extent_plausible(gk, box(113.2, 35.1, 113.3, 35.2));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("degrees"), std::string::npos) << *problem;
}

TEST(ExtentCheck, DetectsDataFarOutsideTheAreaOfUse) {
  // Valid-looking metres, but they land near the equator, far from 112.5–115.5°E China.
  const Crs gk = Crs::from_user_input("EPSG:4547");
  const auto problem = check_extent_plausible(gk, box(200000, 1000000, 210000, 1010000));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("area of use"), std::string::npos) << *problem;
}

TEST(ExtentCheck, DetectsProjectedValuesInAGeographicLayer) {
  const Crs wgs84 = Crs::from_user_input("EPSG:4326");
  EXPECT_TRUE(check_extent_plausible(wgs84, box(428680, 3890710, 434680, 3896710)).has_value());
  EXPECT_FALSE(check_extent_plausible(wgs84, box(113.2, 35.1, 113.3, 35.2)).has_value());
}

TEST(Crs, KnowsWhetherItIsInMetres) {
  EXPECT_TRUE(Crs::from_user_input("EPSG:4547").is_projected_in_metres());
  EXPECT_EQ(Crs::from_user_input("EPSG:4547").linear_unit(), "metre");
  const Crs feet = Crs::from_user_input("EPSG:2263");  // New York Long Island, US survey feet
  EXPECT_TRUE(feet.is_projected());
  EXPECT_FALSE(feet.is_projected_in_metres());
  EXPECT_EQ(feet.linear_unit(), "US survey foot");
  EXPECT_FALSE(Crs::from_user_input("EPSG:4326").is_projected_in_metres());
  EXPECT_FALSE(Crs::from_user_input("+proj=eqc +units=km").is_projected_in_metres());
}

// The areal scale checked against textbook formulas and PROJ's own factors (a third method).
TEST(ArealScale, MatchesMercatorAndTransverseMercatorFormulas) {
  const double lon = 113.25, lat = 35.17;
  // World Mercator on the ellipsoid (EPSG:3395): k = sqrt(1 - e² sin²φ) / cos φ (Snyder 7-8),
  // the same in every direction, so the areal scale is k².
  const auto [mx, my] = proj_reference("EPSG:4326", "EPSG:3395", lon, lat);
  const double e2 = 0.00669437999014;  // WGS 84
  const double phi = lat * std::numbers::pi / 180.0;
  const double k = std::sqrt(1.0 - e2 * std::sin(phi) * std::sin(phi)) / std::cos(phi);
  const auto mercator = areal_scale_at(Crs::from_user_input("EPSG:3395"), mx, my);
  ASSERT_TRUE(mercator.has_value());
  EXPECT_NEAR(*mercator, k * k, 1e-6);
  // UTM zone 50N on its central meridian (117°E): scale factor 0.9996 there at every latitude.
  const auto [ux, uy] = proj_reference("EPSG:4326", "EPSG:32650", 117.0, lat);
  const auto utm = areal_scale_at(Crs::from_user_input("EPSG:32650"), ux, uy);
  ASSERT_TRUE(utm.has_value());
  EXPECT_NEAR(*utm, 0.9996 * 0.9996, 1e-7);
  // Gauss-Krüger CM 114E at the cross axis, 0.75° off the meridian: PROJ's proj_factors.
  const auto [gx, gy] = proj_reference("EPSG:4490", "EPSG:4547", lon, lat);
  PJ_CONTEXT* ctx = proj_context_create();
  // EPSG:4547's projection as PROJ's classic definition (proj_factors wants a projection).
  PJ* gk = proj_create(ctx, "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80");
  const PJ_FACTORS f = proj_factors(gk, proj_coord(lon * std::numbers::pi / 180.0, phi, 0, 0));
  proj_destroy(gk);
  proj_context_destroy(ctx);
  const auto ours = areal_scale_at(Crs::from_user_input("EPSG:4547"), gx, gy);
  ASSERT_TRUE(ours.has_value());
  EXPECT_GT(f.areal_scale, 1.0);
  EXPECT_NEAR(*ours, f.areal_scale, 1e-6);
}

TEST(ArealScale, WarnsOfAWorkingCrsThatDistortsAreasOverTheData) {
  // The cross axis, about 6 km across, in its Gauss-Krüger zone: within 1 %.
  const Crs gk = Crs::from_user_input("EPSG:4547");
  EXPECT_FALSE(check_working_crs_scale(gk, box(428680, 3890710, 434680, 3896710)).has_value());
  // The same place in Web Mercator: areas half as large again.
  const auto [x0, y0] = proj_reference("EPSG:4326", "EPSG:3857", 113.2, 35.1);
  const auto [x1, y1] = proj_reference("EPSG:4326", "EPSG:3857", 113.3, 35.2);
  const auto problem = check_working_crs_scale(Crs::from_user_input("EPSG:3857"), box(x0, y0, x1, y1));
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("EPSG:3857"), std::string::npos) << *problem;
  EXPECT_NE(problem->find("too large"), std::string::npos) << *problem;
}

}  // namespace
}  // namespace cx::crs
