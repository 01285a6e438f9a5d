#include <proj.h>

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cx::crs
