#include <gtest/gtest.h>

#include <cmath>

#include "cx/overlay/land_take.hpp"
#include "cx/overlay/right_of_way.hpp"

namespace cx::overlay {
namespace {

class LandTakeTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  std::vector<roads::Road> roads;
  std::vector<landuse::LandUseParcel> parcels;

  void add_road(const char* wkt, double width_m) {
    roads::Road r;
    r.key = "R" + std::to_string(roads.size() + 1);
    r.width_m = width_m;
    r.speed_kmh = 40.0;
    r.geometry = geom::Geometry::from_wkt(ctx, wkt);
    roads.push_back(std::move(r));
  }
  void add_parcel(const char* wkt, const char* code) {
    landuse::LandUseParcel p;
    p.key = "P" + std::to_string(parcels.size() + 1);
    p.code = code;
    p.level1 = std::string(code).substr(0, 2);
    p.geometry = geom::Geometry::from_wkt(ctx, wkt);
    parcels.push_back(std::move(p));
  }
  std::vector<const roads::Road*> road_pointers() const {
    std::vector<const roads::Road*> out;
    for (const auto& r : roads) out.push_back(&r);
    return out;
  }
};

TEST_F(LandTakeTest, RightOfWayIsLengthTimesRedLineWidth) {
  add_road("LINESTRING (0 0, 100 0)", 20.0);
  const auto rows = build_rights_of_way(road_pointers());
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_DOUBLE_EQ(rows[0].area_m2, 2000.0);
}

TEST_F(LandTakeTest, PiecesOfTwoSquareParcelsPlusUnclassifiedMakeTheRightOfWay) {
  // Corridor [-10,110] × [-10,10] = 2400 m²; parcels cover x in [0,100]: 1000 m² each,
  // 2 × 200 m² beyond them are covered by no parcel.
  add_parcel("POLYGON ((0 -50, 50 -50, 50 50, 0 50, 0 -50))", "0103");
  add_parcel("POLYGON ((50 -50, 100 -50, 100 50, 50 50, 50 -50))", "0701");
  add_road("LINESTRING (-10 0, 110 0)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto pieces = cut_by_parcels(rows[0].polygon, index);
  ASSERT_EQ(pieces.size(), 2U);
  EXPECT_NEAR(pieces[0].area_m2, 1000.0, 1e-9);
  EXPECT_NEAR(pieces[1].area_m2, 1000.0, 1e-9);
  const auto take = dissolved_take({&rows[0].polygon}, index);
  EXPECT_NEAR(take.breakdown.total_m2, 2400.0, 1e-9);
  ASSERT_EQ(take.breakdown.by_level1.size(), 2U);
  EXPECT_EQ(take.breakdown.by_level1[0].code, "01");
  EXPECT_NEAR(take.breakdown.by_level1[0].area_m2, 1000.0, 1e-9);
  EXPECT_EQ(take.breakdown.by_level1[1].code, "07");
  EXPECT_NEAR(take.breakdown.unclassified_m2, 400.0, 1e-9);
  double sum = take.breakdown.unclassified_m2;
  for (const auto& c : take.breakdown.by_level1) sum += c.area_m2;
  EXPECT_NEAR(sum / take.breakdown.total_m2, 1.0, 1e-12);
}

TEST_F(LandTakeTest, RoadCrossingASquareParcelAt45Degrees) {
  // A 20 m corridor along the diagonal of a 100 m square: the square minus the two corner
  // triangles beyond |x − y| = 10√2, whose legs are 100 − 10√2:
  // 100² − (100 − 10√2)² = 2000√2 − 200.
  add_parcel("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))", "0103");
  add_road("LINESTRING (-50 -50, 150 150)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto pieces = cut_by_parcels(rows[0].polygon, index);
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_NEAR(pieces[0].area_m2, 2000.0 * std::sqrt(2.0) - 200.0, 1e-6);
}

TEST_F(LandTakeTest, ParcelWhollyInsideIsTakenWhole) {
  add_parcel("POLYGON ((10 -5, 20 -5, 20 5, 10 5, 10 -5))", "0703");
  add_road("LINESTRING (0 0, 100 0)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto pieces = cut_by_parcels(rows[0].polygon, index);
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_DOUBLE_EQ(pieces[0].area_m2, 100.0);
}

TEST_F(LandTakeTest, CrossingRoadsAreCountedOnceWhenDissolved) {
  // Two 20 m corridors crossing: 2000 + 2000 − the 20 × 20 square they share.
  add_parcel("POLYGON ((-100 -100, 200 -100, 200 100, -100 100, -100 -100))", "0103");
  add_road("LINESTRING (0 0, 100 0)", 20.0);
  add_road("LINESTRING (50 -50, 50 50)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto take = dissolved_take({&rows[0].polygon, &rows[1].polygon}, index);
  EXPECT_NEAR(take.breakdown.total_m2, 3600.0, 1e-9);
  EXPECT_NEAR(take.breakdown.by_level1[0].area_m2, 3600.0, 1e-9);
  EXPECT_NEAR(take.breakdown.unclassified_m2, 0.0, 1e-9);
}

// The area of the union of the rights-of-way, by GEOS alone: the check for every total below.
double union_area_by_geos(const geom::GeosContext& ctx, const std::vector<RightOfWay>& rows) {
  std::vector<geom::Geometry> parts;
  for (const auto& r : rows) parts.push_back(r.polygon.clone());
  return geom::Geometry::union_all(ctx, std::move(parts)).area();
}

TEST_F(LandTakeTest, RoadsCrossingWhereNoParcelIsAreCountedOnce) {
  // Land use covers only x < 0; the roads cross at (50, 0), in no parcel. The uncovered parts
  // of the two rights-of-way overlap there, and that square must count once.
  add_parcel("POLYGON ((-200 -100, 0 -100, 0 100, -200 100, -200 -100))", "0103");
  add_road("LINESTRING (-100 0, 100 0)", 20.0);
  add_road("LINESTRING (50 -80, 50 50)", 20.0);
  add_road("LINESTRING (-150 -60, 80 -60)", 10.0);  // crosses the second road outside too
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto take = dissolved_take({&rows[0].polygon, &rows[1].polygon, &rows[2].polygon}, index);
  EXPECT_TRUE(take.overlapping_parcels.empty());
  EXPECT_TRUE(take.tiles.empty());  // the whole union was never built
  const double expected = union_area_by_geos(ctx, rows);
  EXPECT_NEAR(expected, 4000.0 + 2600.0 + 2300.0 - 400.0 - 200.0, 1e-9);  // by hand
  EXPECT_NEAR(take.breakdown.total_m2, expected, 1e-9 * expected);
  EXPECT_NEAR(take.breakdown.by_level1.at(0).area_m2, 2000.0 + 1500.0, 1e-9);
  EXPECT_NEAR(take.breakdown.unclassified_m2, expected - 3500.0, 1e-9 * expected);
}

TEST_F(LandTakeTest, ManyRoadsOverOneParcelAreCountedOnceWhenDissolved) {
  // One large parcel taken by six roads: three parallel (never meeting each other), two
  // crossing them, one diagonal through everything, so the parcel's pieces meet in pairs,
  // triples and more, and many subsets meet nowhere. The dissolved take is the GEOS union.
  add_parcel("POLYGON ((0 0, 400 0, 400 400, 0 400, 0 0))", "0103");
  add_road("LINESTRING (-10 100, 410 100)", 20.0);
  add_road("LINESTRING (-10 200, 410 200)", 16.0);
  add_road("LINESTRING (-10 300, 410 300)", 12.0);
  add_road("LINESTRING (150 -10, 150 410)", 20.0);
  add_road("LINESTRING (260 -10, 260 410)", 10.0);
  add_road("LINESTRING (-10 -10, 410 410)", 14.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  std::vector<const geom::Geometry*> polygons;
  for (const auto& r : rows) polygons.push_back(&r.polygon);
  const auto take = dissolved_take(polygons, index);
  EXPECT_TRUE(take.overlapping_parcels.empty());
  // The union clipped to the parcel (all of the land take lies in it).
  const auto parcel = geom::Geometry::from_wkt(ctx, "POLYGON ((0 0, 400 0, 400 400, 0 400, 0 0))");
  std::vector<geom::Geometry> parts;
  for (const auto& r : rows) parts.push_back(r.polygon.intersection(parcel));
  const double expected = geom::Geometry::union_all(ctx, std::move(parts)).area();
  EXPECT_GT(expected, 400.0 * (20 + 16 + 12 + 20 + 10) - 5000.0);  // not a degenerate case
  EXPECT_NEAR(take.breakdown.by_level1.at(0).area_m2, expected, 1e-9 * expected);
}

TEST_F(LandTakeTest, OverlappingParcelsFallBackToTheWholeUnionForTheTotal) {
  // Two parcels overlap in [40, 60] × [-50, 50]: summing parcel by parcel would count the
  // corridor's 20 × 20 m there twice, so the total comes from the union itself.
  add_parcel("POLYGON ((0 -50, 60 -50, 60 50, 0 50, 0 -50))", "0103");
  add_parcel("POLYGON ((40 -50, 100 -50, 100 50, 40 50, 40 -50))", "0701");
  add_road("LINESTRING (-10 0, 110 0)", 20.0);
  add_road("LINESTRING (20 -30, 20 30)", 10.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto take = dissolved_take({&rows[0].polygon, &rows[1].polygon}, index);
  EXPECT_EQ(take.overlapping_parcels, (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(take.tiles.empty());
  const double expected = union_area_by_geos(ctx, rows);
  EXPECT_NEAR(expected, 2400.0 + 600.0 - 200.0, 1e-9);  // by hand
  EXPECT_NEAR(take.breakdown.total_m2, expected, 1e-9 * expected);
}

TEST_F(LandTakeTest, ParcelsOverlappingWhereNoRoadGoesAreSummedParcelByParcel) {
  // The parcels overlap in [40, 60] × [30, 50], north of the corridor (|y| <= 10): their pieces
  // under the road do not, so the sum parcel by parcel is exact and no union is built.
  add_parcel("POLYGON ((0 -50, 60 -50, 60 50, 0 50, 0 -50))", "0103");
  add_parcel("POLYGON ((40 30, 100 30, 100 50, 40 50, 40 30))", "0701");
  add_parcel("POLYGON ((60 -50, 100 -50, 100 30, 60 30, 60 -50))", "0701");
  add_road("LINESTRING (-10 0, 110 0)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto take = dissolved_take({&rows[0].polygon}, index);
  EXPECT_TRUE(take.overlapping_parcels.empty());
  EXPECT_TRUE(take.tiles.empty());
  EXPECT_NEAR(take.breakdown.total_m2, 120.0 * 20.0, 1e-9);  // by hand
  EXPECT_NEAR(take.breakdown.unclassified_m2, 20.0 * 20.0, 1e-9);  // x in [-10, 0] and [100, 110]
  ASSERT_EQ(take.breakdown.by_level1.size(), 2U);
  EXPECT_NEAR(take.breakdown.by_level1[0].area_m2, 60.0 * 20.0, 1e-9);  // 01
  EXPECT_NEAR(take.breakdown.by_level1[1].area_m2, 40.0 * 20.0, 1e-9);  // 07
}

TEST_F(LandTakeTest, KeptUnionMatchesTheTotal) {
  add_parcel("POLYGON ((-100 -100, 30 -100, 30 100, -100 100, -100 -100))", "0103");
  add_road("LINESTRING (0 0, 100 0)", 20.0);
  add_road("LINESTRING (50 -50, 50 50)", 20.0);
  const ParcelIndex index(parcels);
  const auto rows = build_rights_of_way(road_pointers());
  const auto take = dissolved_take({&rows[0].polygon, &rows[1].polygon}, index,
                                   {.tile_m = 30.0, .threads = 2, .keep_union = true});
  double tiles_m2 = 0.0;
  for (const auto& tile : take.tiles) tiles_m2 += tile.area();
  EXPECT_GT(take.tiles.size(), 4U);
  EXPECT_NEAR(tiles_m2, 3600.0, 1e-9);
  EXPECT_NEAR(take.breakdown.total_m2, 3600.0, 1e-9);
}

TEST_F(LandTakeTest, NoRightsOfWayTakeNothing) {
  add_parcel("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))", "0103");
  const ParcelIndex index(parcels);
  const auto take = dissolved_take({}, index);
  EXPECT_DOUBLE_EQ(take.breakdown.total_m2, 0.0);
  EXPECT_TRUE(take.breakdown.by_level1.empty());
}

}  // namespace
}  // namespace cx::overlay
