#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include <geos_c.h>

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

// WKB as GEOS's own writer makes it (2D, ISO, little-endian), straight from the C API.
std::vector<std::uint8_t> geos_wkb(const char* text) {
  GEOSContextHandle_t h = GEOS_init_r();
  GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
  GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, text);
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
  GEOSWKBWriter_setOutputDimension_r(h, writer, 2);
  GEOSWKBWriter_setByteOrder_r(h, writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setFlavor_r(h, writer, GEOS_WKB_ISO);
  std::size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(h, writer, g, &size);
  std::vector<std::uint8_t> out(bytes, bytes + size);
  GEOSFree_r(h, bytes);
  GEOSWKBWriter_destroy_r(h, writer);
  GEOSGeom_destroy_r(h, g);
  GEOSWKTReader_destroy_r(h, reader);
  GEOS_finish_r(h);
  return out;
}

TEST_F(GeometryTest, WkbIsByteForByteWhatGeosWrites) {
  for (const char* text :
       {"POINT (431680.5 3893710.25)", "POINT EMPTY", "LINESTRING (0 0, 1 1, 2 0.5)",
        "LINESTRING Z (0 0 5, 1 1 6)", "LINESTRING EMPTY", "POLYGON EMPTY",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))",
        "MULTIPOINT ((1 2), (3 4))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 2 2), POLYGON ((0 0, 1 0, 0 1, 0 0)))"}) {
    const std::vector<std::uint8_t> ours = wkt(text).to_wkb();
    const std::vector<std::uint8_t> theirs = geos_wkb(text);
    if (std::string(text) == "POINT EMPTY") {
      // Both write NaN coordinates; compare as NaN rather than bit patterns.
      ASSERT_EQ(ours.size(), 21U);
      EXPECT_TRUE(std::equal(ours.begin(), ours.begin() + 5, theirs.begin()));
      double x = 0.0;
      std::memcpy(&x, ours.data() + 5, sizeof x);
      EXPECT_TRUE(std::isnan(x));
      continue;
    }
    EXPECT_EQ(ours, theirs) << text;
  }
}

TEST_F(GeometryTest, RingPolygonWkbIsWhatGeosWritesForThatPolygon) {
  const std::vector<XY> open = {{431000.5, 3890000.25}, {431010, 3890000}, {431010, 3890010.75}};
  std::vector<XY> closed = open;
  closed.push_back(open.front());
  std::vector<std::uint8_t> ours;
  append_ring_polygon_wkb(ours, open);
  EXPECT_EQ(ours, geos_wkb(Geometry::polygon(ctx, closed).to_wkt(17).c_str()));
  EXPECT_EQ(ours, Geometry::polygon(ctx, closed).to_wkb());
  std::vector<std::uint8_t> empty;
  append_ring_polygon_wkb(empty, {});
  EXPECT_EQ(empty, geos_wkb("POLYGON EMPTY"));
}

TEST_F(GeometryTest, PointAndLineWkbAreWhatGeosWrites) {
  const std::vector<XY> points = {{431000.5, 3890000.25}, {431010, 3890000}, {431010, 3890010.75}};
  std::vector<std::uint8_t> line;
  append_line_wkb(line, points);
  EXPECT_EQ(line, geos_wkb("LINESTRING (431000.5 3890000.25, 431010 3890000, 431010 3890010.75)"));
  EXPECT_EQ(point_wkb(points[0]), geos_wkb("POINT (431000.5 3890000.25)"));
}

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
