#include <gtest/gtest.h>

#include <cmath>

#include "cx/core/error.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/geom/prepared_geometry.hpp"

namespace cx::geom {
namespace {

class GeometryTest : public ::testing::Test {
protected:
  GeosContext ctx;
  Geometry wkt(const char* text) { return Geometry::from_wkt(ctx, text); }
};

TEST_F(GeometryTest, FlatBufferOfAStraightLineIsARectangle) {
  const Geometry row = wkt("LINESTRING (0 0, 100 0)").buffer_flat(10.0);
  EXPECT_DOUBLE_EQ(row.area(), 100.0 * 20.0);
  const Extent e = row.extent();
  EXPECT_DOUBLE_EQ(e.min_x, 0.0);
  EXPECT_DOUBLE_EQ(e.max_x, 100.0);
  EXPECT_DOUBLE_EQ(e.min_y, -10.0);
  EXPECT_DOUBLE_EQ(e.max_y, 10.0);
}

TEST_F(GeometryTest, FlatMitredBufferOfARightAngleKeepsLengthTimesWidth) {
  // Two 20 m wide strips (2000 m² each) overlap in a 10×10 square at the inner corner, and the
  // mitre fills the 10×10 outer corner: 2000 + 2000 − 100 + 100.
  const Geometry row = wkt("LINESTRING (0 0, 100 0, 100 100)").buffer_flat(10.0);
  EXPECT_NEAR(row.area(), 4000.0, 1e-9);
}

TEST_F(GeometryTest, MakeValidKeepsBothHalvesOfABowTie) {
  const Geometry bow_tie = wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))");
  EXPECT_FALSE(bow_tie.is_valid());
  const Geometry repaired = bow_tie.make_valid().polygonal_parts();
  EXPECT_TRUE(repaired.is_valid());
  EXPECT_NEAR(repaired.area(), 50.0, 1e-9);  // two triangles of 25 m²
}

TEST_F(GeometryTest, WkbRoundTripKeepsCoordinates) {
  const Geometry line = wkt("LINESTRING (431800.25 3893000.5, 431900 3893100)");
  const Geometry back = Geometry::from_wkb(ctx, line.to_wkb());
  EXPECT_EQ(back.line_points(), line.line_points());
}

TEST_F(GeometryTest, DetectsNonFiniteCoordinates) {
  const XY points[] = {{0.0, 0.0}, {NAN, 1.0}};
  EXPECT_TRUE(Geometry::line_string(ctx, points).has_non_finite_coordinates());
  EXPECT_FALSE(wkt("POINT (1 2)").has_non_finite_coordinates());
}

TEST_F(GeometryTest, MalformedWktIsAGeometryError) {
  EXPECT_THROW((void)wkt("POLYGON ((0 0, 1"), GeometryError);
}

TEST_F(GeometryTest, PreparedCoversTellsWholeParcelsFromCutOnes) {
  const Geometry row = wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
  const PreparedGeometry prepared(row);
  EXPECT_TRUE(prepared.covers(wkt("POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))")));
  EXPECT_FALSE(prepared.covers(wkt("POLYGON ((90 10, 120 10, 120 20, 90 20, 90 10))")));
  EXPECT_TRUE(prepared.intersects(wkt("POLYGON ((90 10, 120 10, 120 20, 90 20, 90 10))")));
}

}  // namespace
}  // namespace cx::geom
