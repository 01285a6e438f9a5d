#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "cx/overlay/conflicts.hpp"
#include "cx/overlay/crossings.hpp"
#include "cx/overlay/land_take.hpp"
#include "cx/overlay/works.hpp"

namespace cx::overlay {
namespace {

using constraints::ConstraintKind;

class OverlayTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  std::vector<std::unique_ptr<geom::GeosContext>> contexts;  // the works' (before them: outlives them)
  std::vector<roads::Road> roads;
  std::vector<constraints::Constraint> zones;

  roads::Road& add_road(const char* wkt, double width_m, const char* proposal = "p1") {
    roads::Road r;
    r.key = "L" + std::to_string(roads.size() + 1);
    r.name = "road";
    r.proposal_id = proposal;
    r.width_m = width_m;
    r.speed_kmh = 40.0;
    r.geometry = geom::Geometry::from_wkt(ctx, wkt);
    roads.push_back(std::move(r));
    return roads.back();
  }
  void add_zone(const char* wkt, ConstraintKind kind, std::optional<int> level = std::nullopt) {
    constraints::Constraint c;
    c.key = "C" + std::to_string(zones.size() + 1);
    c.kind = kind;
    c.level = level;
    c.geometry = geom::Geometry::from_wkt(ctx, wkt);
    zones.push_back(std::move(c));
  }
  std::vector<const roads::Road*> lines() const {
    std::vector<const roads::Road*> out;
    for (const auto& r : roads) out.push_back(&r);
    return out;
  }
  std::vector<Work> works() {
    rows = build_rights_of_way(lines());
    return group_works(lines(), rows, contexts);
  }
  std::vector<RightOfWay> rows;
};

TEST_F(OverlayTest, SegmentsOfOneProposalDissolveIntoOneRightOfWay) {
  // Two abutting segments of proposal p1: flat ends meet without overlap or gap, so the
  // dissolved right-of-way is exactly 100 m × 20 m. Proposal p2 is a work of its own.
  add_road("LINESTRING (0 0, 50 0)", 20.0);
  add_road("LINESTRING (50 0, 100 0)", 20.0);
  add_road("LINESTRING (200 0, 300 0)", 20.0, "p2");
  const auto w = works();
  ASSERT_EQ(w.size(), 2U);
  EXPECT_EQ(w[0].key, "p1");
  EXPECT_EQ(w[0].lines.size(), 2U);
  EXPECT_NEAR(w[0].area_m2, 2000.0, 1e-9);
  EXPECT_NEAR(w[0].centre_length_m, 100.0, 1e-9);
  EXPECT_EQ(w[0].centre_line.num_geometries(), 1);  // merged into one line
}

TEST_F(OverlayTest, LandOnRoadParcelsIsAlreadyRoad) {
  std::vector<landuse::LandUseParcel> parcels(2);
  parcels[0].key = "farm";
  parcels[0].code = "0103";
  parcels[0].level1 = "01";
  parcels[0].geometry = geom::Geometry::from_wkt(ctx, "POLYGON ((0 -50, 60 -50, 60 50, 0 50, 0 -50))");
  parcels[1].key = "street";
  parcels[1].code = "1207";
  parcels[1].level1 = "12";
  parcels[1].geometry = geom::Geometry::from_wkt(ctx, "POLYGON ((60 -50, 100 -50, 100 50, 60 50, 60 -50))");
  add_road("LINESTRING (0 0, 100 0)", 20.0);
  const auto w = works();
  const ParcelIndex index(parcels);
  const auto pieces = cut_by_parcels(w[0].right_of_way, index);
  const TakeBreakdown take = summarise_take(pieces, index.parcels(), w[0].area_m2);
  EXPECT_NEAR(take.already_road_m2, 40.0 * 20.0, 1e-9);
  EXPECT_NEAR(take.new_take_m2(), 60.0 * 20.0, 1e-9);
  EXPECT_NEAR(take.unclassified_m2, 0.0, 1e-9);
}

TEST_F(OverlayTest, ConflictsWithFarmlandAndTheDevelopmentBoundaryByHand) {
  add_road("LINESTRING (0 0, 100 0)", 20.0);  // right-of-way [0,100] × [-10,10]
  add_zone("POLYGON ((50 -50, 150 -50, 150 50, 50 50, 50 -50))", ConstraintKind::BasicFarmland);
  add_zone("POLYGON ((-50 -50, 40 -50, 40 50, -50 50, -50 -50))", ConstraintKind::UrbanDevBoundary);
  const auto w = works();
  const auto result = find_conflicts(ctx, w, lines(), zones);
  ASSERT_EQ(result.conflicts.size(), 3U);
  const auto& farm = result.conflicts[0];
  EXPECT_EQ(farm.kind, ConstraintKind::BasicFarmland);
  EXPECT_NEAR(farm.area_m2, 50.0 * 20.0, 1e-9);
  EXPECT_NEAR(farm.centre_length_m, 50.0, 1e-9);
  const auto& inside = result.conflicts[1];
  EXPECT_FALSE(inside.outside);
  EXPECT_NEAR(inside.area_m2, 40.0 * 20.0, 1e-9);
  const auto& outside = result.conflicts[2];
  EXPECT_TRUE(outside.outside);
  EXPECT_NEAR(outside.area_m2, 60.0 * 20.0, 1e-9);
  EXPECT_NEAR(outside.centre_length_m, 60.0, 1e-9);
}

TEST_F(OverlayTest, OverlappingZonesOfAKindCountTheSharedPartOnceInTheTotals) {
  add_road("LINESTRING (0 0, 100 0)", 20.0);  // right-of-way [0,100] × [-10,10]
  // Two red-line polygons overlapping over x in [30,50]; flood zones of levels 1 and 2 that
  // overlap (different levels: totals of their own); two farmland polygons apart.
  add_zone("POLYGON ((10 -50, 50 -50, 50 50, 10 50, 10 -50))", ConstraintKind::EcoRedline);
  add_zone("POLYGON ((30 -50, 70 -50, 70 50, 30 50, 30 -50))", ConstraintKind::EcoRedline);
  add_zone("POLYGON ((0 -50, 60 -50, 60 50, 0 50, 0 -50))", ConstraintKind::FloodRisk, 1);
  add_zone("POLYGON ((40 -50, 90 -50, 90 50, 40 50, 40 -50))", ConstraintKind::FloodRisk, 2);
  add_zone("POLYGON ((0 5, 5 5, 5 50, 0 50, 0 5))", ConstraintKind::BasicFarmland);
  add_zone("POLYGON ((95 -50, 100 -50, 100 -5, 95 -5, 95 -50))", ConstraintKind::BasicFarmland);
  const auto w = works();
  const auto result = find_conflicts(ctx, w, lines(), zones);
  // Each zone's own piece, as before.
  ASSERT_EQ(result.conflicts.size(), 6U);
  EXPECT_NEAR(result.conflicts[0].area_m2, 40.0 * 20.0, 1e-9);
  EXPECT_NEAR(result.conflicts[1].area_m2, 40.0 * 20.0, 1e-9);
  // Totals per kind: the red line over x in [10,70] once, not 40 + 40 m.
  ASSERT_EQ(result.totals.size(), 4U);
  const auto& red = result.totals[0];
  EXPECT_EQ(red.kind, ConstraintKind::EcoRedline);
  EXPECT_NEAR(red.area_m2, 60.0 * 20.0, 1e-9);
  EXPECT_NEAR(red.centre_length_m, 60.0, 1e-9);
  EXPECT_EQ(result.totals[1].level, 1);
  EXPECT_NEAR(result.totals[1].area_m2, 60.0 * 20.0, 1e-9);
  EXPECT_EQ(result.totals[2].level, 2);
  EXPECT_NEAR(result.totals[2].area_m2, 50.0 * 20.0, 1e-9);
  // Apart: simply added (5 × 5 m at two corners of the right-of-way), no length inside.
  const auto& farm = result.totals[3];
  EXPECT_EQ(farm.kind, ConstraintKind::BasicFarmland);
  EXPECT_NEAR(farm.area_m2, 2 * 5.0 * 5.0, 1e-9);
  EXPECT_NEAR(farm.centre_length_m, 0.0, 1e-12);
  for (const auto& t : result.totals) EXPECT_EQ(t.work, 0U);
}

TEST_F(OverlayTest, TunnelInAFloodZoneIsFlagged) {
  add_road("LINESTRING (0 0, 100 0)", 20.0).tunnel = true;
  add_road("LINESTRING (100 0, 200 0)", 20.0);
  add_zone("POLYGON ((80 -50, 150 -50, 150 50, 80 50, 80 -50))", ConstraintKind::FloodRisk, 3);
  const auto w = works();
  const auto result = find_conflicts(ctx, w, lines(), zones);
  ASSERT_EQ(result.below_grade.size(), 1U);
  EXPECT_EQ(result.below_grade[0].line, 0U);
  EXPECT_NEAR(result.below_grade[0].length_m, 20.0, 1e-9);
  ASSERT_EQ(result.conflicts.size(), 1U);
  EXPECT_EQ(result.conflicts[0].level, 3);
  EXPECT_NEAR(result.conflicts[0].area_m2, 70.0 * 20.0, 1e-9);
}

class CrossingTest : public OverlayTest {
protected:
  std::vector<rivers::River> river_lines;
  std::vector<rivers::River> river_areas;
  std::vector<corridors::Corridor> corridors;
  void add_river(const char* line_wkt, const char* area_wkt) {
    river_lines.push_back({"RL", 1, "大沙河", geom::Geometry::from_wkt(ctx, line_wkt)});
    river_areas.push_back({"RA", 1, "大沙河", geom::Geometry::from_wkt(ctx, area_wkt)});
  }
};

TEST_F(CrossingTest, BridgeAt45DegreesOverA40MetreRiver) {
  add_river("LINESTRING (-500 0, 500 0)", "POLYGON ((-500 -20, 500 -20, 500 20, -500 20, -500 -20))");
  add_road("LINESTRING (-100 -100, 100 100)", 20.0).bridge = true;
  const auto w = works();
  const auto result = find_crossings(w, lines(), river_lines, river_areas, corridors, {});
  ASSERT_EQ(result.rivers.size(), 1U);
  const auto& c = result.rivers[0];
  EXPECT_EQ(c.river, "大沙河");
  EXPECT_NEAR(c.point.x, 0.0, 1e-9);
  EXPECT_NEAR(c.point.y, 0.0, 1e-9);
  EXPECT_NEAR(c.length_over_water_m, 40.0 * std::sqrt(2.0), 1e-9);
  ASSERT_TRUE(c.angle_deg.has_value());
  EXPECT_NEAR(*c.angle_deg, 45.0, 1e-9);
  EXPECT_TRUE(c.bridge);
  EXPECT_TRUE(result.bridges_over_nothing.empty());
}

TEST_F(CrossingTest, BridgeOverNothingIsReported) {
  add_river("LINESTRING (-500 0, 500 0)", "POLYGON ((-500 -20, 500 -20, 500 20, -500 20, -500 -20))");
  add_road("LINESTRING (0 100, 0 300)", 20.0).bridge = true;
  const auto w = works();
  const auto result = find_crossings(w, lines(), river_lines, river_areas, corridors, {});
  EXPECT_TRUE(result.rivers.empty());
  ASSERT_EQ(result.bridges_over_nothing.size(), 1U);
  // The same bridge passing over an existing road crosses something.
  roads::Road below;
  below.geometry = geom::Geometry::from_wkt(ctx, "LINESTRING (-50 200, 50 200)");
  const auto over_road = find_crossings(w, lines(), river_lines, river_areas, corridors, {&below});
  EXPECT_TRUE(over_road.bridges_over_nothing.empty());
}

TEST_F(CrossingTest, CorridorLengthAreaAndWidthAtTheCrossing) {
  corridors.push_back({"EC1", 1, "廊道", "corridor",
                       geom::Geometry::from_wkt(ctx, "POLYGON ((-1000 -150, 1000 -150, 1000 150, "
                                                     "-1000 150, -1000 -150))")});
  // 60° to the corridor axis: 300 / sin 60° of centre line inside.
  const double c60 = std::cos(std::numbers::pi / 3.0), s60 = std::sin(std::numbers::pi / 3.0);
  const std::string wkt = "LINESTRING (" + std::to_string(-400 * c60) + " " +
                          std::to_string(-400 * s60) + ", " + std::to_string(400 * c60) + " " +
                          std::to_string(400 * s60) + ")";
  add_road(wkt.c_str(), 20.0);
  const auto w = works();
  const auto result = find_crossings(w, lines(), river_lines, river_areas, corridors, {});
  ASSERT_EQ(result.corridors.size(), 1U);
  // The WKT above carries 6 decimals, so compare to 1e-9 relative.
  EXPECT_NEAR(result.corridors[0].length_inside_m / (300.0 / s60), 1.0, 1e-9);
  EXPECT_NEAR(result.corridors[0].corridor_width_m, 300.0, 1e-6);
  ASSERT_EQ(result.corridor_overlaps.size(), 1U);
  // A 20 m strip across a 300 m band at 60°: a parallelogram of 300 × 20 / sin 60°.
  EXPECT_NEAR(result.corridor_overlaps[0].area_m2 / (300.0 * 20.0 / s60), 1.0, 1e-9);
}

TEST_F(CrossingTest, CrossingsAreTheSameOnOneThreadOrSeveral) {
  // A river 40 m wide along y = 0 inside a corridor band 300 m wide, narrowing to 200 m in its
  // east half; seven roads cross both at both widths.
  add_river("LINESTRING (-1000 0, 1000 0)", "POLYGON ((-1000 -20, 1000 -20, 1000 20, -1000 20, -1000 -20))");
  corridors.push_back({"EC1", 1, "廊道", "corridor",
                       geom::Geometry::from_wkt(ctx, "POLYGON ((-1000 -150, 0 -150, 0 -100, 1000 -100, 1000 100, "
                                                     "0 100, 0 150, -1000 150, -1000 -150))")});
  const std::string proposals[] = {"p1", "p2", "p3", "p4", "p5", "p6", "p7"};  // a work each
  for (int k = 0; k < 7; ++k) {
    const double x = -900.0 + 300.0 * k;
    add_road(("LINESTRING (" + std::to_string(x) + " -400, " + std::to_string(x + 50.0) + " 400)").c_str(), 20.0,
             proposals[k].c_str());
  }
  const auto w = works();
  ASSERT_EQ(w.size(), 7U);
  const auto one = find_crossings(w, lines(), river_lines, river_areas, corridors, {}, 1);
  const auto three = find_crossings(w, lines(), river_lines, river_areas, corridors, {}, 3);
  ASSERT_EQ(one.rivers.size(), 7U);
  ASSERT_EQ(three.rivers.size(), 7U);
  ASSERT_EQ(one.corridors.size(), 7U);
  ASSERT_EQ(three.corridors.size(), 7U);
  ASSERT_EQ(three.corridor_overlaps.size(), one.corridor_overlaps.size());
  const double slant = std::hypot(50.0, 800.0) / 800.0;  // length along a road per metre of height
  for (std::size_t i = 0; i < 7; ++i) {
    EXPECT_NEAR(one.rivers[i].length_over_water_m, 40.0 * slant, 1e-9) << i;
    EXPECT_EQ(one.rivers[i].work, three.rivers[i].work) << i;
    EXPECT_EQ(one.rivers[i].point, three.rivers[i].point) << i;
    EXPECT_EQ(one.rivers[i].length_over_water_m, three.rivers[i].length_over_water_m) << i;
    EXPECT_EQ(one.rivers[i].angle_deg, three.rivers[i].angle_deg) << i;
    // The narrowest chord is straight across, away from the step at x = 0.
    const double x = one.corridors[i].point.x;
    if (x < -200.0) {
      EXPECT_NEAR(one.corridors[i].corridor_width_m, 300.0, 1e-6) << i;
      EXPECT_NEAR(one.corridors[i].length_inside_m, 300.0 * slant, 1e-9) << i;
    } else if (x > 200.0) {
      EXPECT_NEAR(one.corridors[i].corridor_width_m, 200.0, 1e-6) << i;
      EXPECT_NEAR(one.corridors[i].length_inside_m, 200.0 * slant, 1e-9) << i;
    }
    EXPECT_EQ(one.corridors[i].work, three.corridors[i].work) << i;
    EXPECT_EQ(one.corridors[i].length_inside_m, three.corridors[i].length_inside_m) << i;
    EXPECT_EQ(one.corridors[i].corridor_width_m, three.corridors[i].corridor_width_m) << i;
  }
  ASSERT_EQ(one.corridor_overlaps.size(), 7U);
  for (std::size_t i = 0; i < one.corridor_overlaps.size(); ++i) {
    EXPECT_EQ(one.corridor_overlaps[i].work, three.corridor_overlaps[i].work) << i;
    EXPECT_EQ(one.corridor_overlaps[i].area_m2, three.corridor_overlaps[i].area_m2) << i;
    EXPECT_EQ(one.corridor_overlaps[i].length_m, three.corridor_overlaps[i].length_m) << i;
  }
}

TEST(NarrowestChord, OfARectangleThroughItsCentreIsItsShortSide) {
  geom::GeosContext ctx;
  const auto rect = geom::Geometry::from_wkt(ctx, "POLYGON ((0 0, 400 0, 400 100, 0 100, 0 0))");
  EXPECT_NEAR(narrowest_chord_m(rect, {200, 50}), 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(narrowest_chord_m(rect, {900, 50}), 0.0);
}

// The same chord by a second method: GEOS's intersection of a line through the point, long
// enough to cross the whole polygon, keeping the piece that contains the point.
double chord_by_geos(const geom::Geometry& polygon, geom::XY p, double step_deg) {
  const auto& ctx = polygon.context();
  const auto point = geom::Geometry::point(ctx, p);
  const Extent e = polygon.extent();
  const double reach = std::hypot(e.max_x - e.min_x, e.max_y - e.min_y) + 1.0;
  double best = std::numeric_limits<double>::infinity();
  for (double a = 0.0; a < 180.0; a += step_deg) {
    const double r = a * std::numbers::pi / 180.0;
    const geom::XY ends[] = {{p.x - reach * std::cos(r), p.y - reach * std::sin(r)},
                             {p.x + reach * std::cos(r), p.y + reach * std::sin(r)}};
    const auto chord = geom::Geometry::line_string(ctx, ends).intersection(polygon);
    for (int i = 0; i < chord.num_geometries(); ++i) {
      const auto piece = chord.num_geometries() == 1 ? chord.clone() : chord.part(i);
      if (piece.type() == geom::GeometryType::LineString && piece.distance(point) < 1e-6) {
        best = std::min(best, piece.length());
      }
    }
  }
  return std::isfinite(best) ? best : 0.0;
}

TEST(NarrowestChord, EqualsGeosIntersectionOnWindingConcaveAndHoledShapes) {
  geom::GeosContext ctx;
  // A winding corridor: a sine-wave river buffered 150 m (as the benchmark city's).
  std::string river = "LINESTRING (";
  for (int k = 0; k <= 200; ++k) {
    const double x = 100.0 * k;
    river += (k ? ", " : "") + std::to_string(x) + " " + std::to_string(2000.0 * std::sin(2.0 * std::numbers::pi * x / 8000.0));
  }
  const auto corridor = geom::Geometry::from_wkt(ctx, river + ")").buffer_flat(150.0);
  // An L shape (concave), and a square with a square hole.
  const auto ell = geom::Geometry::from_wkt(ctx, "POLYGON ((0 0, 300 0, 300 100, 100 100, 100 300, 0 300, 0 0))");
  const auto wide = geom::Geometry::from_wkt(ctx, "POLYGON ((0 0, 6000 0, 6000 3000, 0 3000, 0 0))");
  const auto diamond = geom::Geometry::from_wkt(ctx, "POLYGON ((0 -1000, 1000 0, 0 1000, -1000 0, 0 -1000))");
  const auto holed = geom::Geometry::from_wkt(
      ctx, "POLYGON ((0 0, 400 0, 400 400, 0 400, 0 0), (100 100, 300 100, 300 300, 100 300, 100 100))");
  const struct {
    const geom::Geometry* polygon;
    geom::XY point;
  } cases[] = {{&corridor, {2000.0, 2000.0}}, {&corridor, {4000.0, 50.0}},  {&corridor, {9100.0, -1900.0}},
               {&ell, {50.0, 50.0}},          {&ell, {250.0, 50.0}},        {&ell, {50.0, 250.0}},
               {&holed, {50.0, 200.0}},       {&holed, {200.0, 50.0}},      {&holed, {200.0, 200.0}},
               {&ell, {300.0, 50.0}},  // on the boundary
               // Chords longer than the first windows tried near the point (see ChordGauge),
               // and lines leaving through vertices.
               {&wide, {3000.0, 1500.0}},     {&wide, {100.0, 1500.0}},     {&wide, {6000.0, 700.0}},
               {&diamond, {0.0, 0.0}},        {&diamond, {0.0, 999.0}},     {&diamond, {-400.0, 100.0}}};
  // Ours tries every degree and then searches between the best two; GEOS tries every degree
  // and, as a finer reference, every 0.1 degree. Ours is never longer than either, and within
  // 0.1 % of the second (which can only be longer than the true chord).
  const auto expect_chord = [](const geom::Geometry& polygon, geom::XY p, double step_deg) {
    const double ours = narrowest_chord_m(polygon, p, step_deg);
    EXPECT_LE(ours, chord_by_geos(polygon, p, step_deg) + 1e-6) << p.x << " " << p.y;
    const double fine = chord_by_geos(polygon, p, 0.1);
    EXPECT_LE(ours, fine + 1e-6) << p.x << " " << p.y;
    EXPECT_GE(ours, fine * (1.0 - 1e-3)) << p.x << " " << p.y;
  };
  for (const auto& c : cases) expect_chord(*c.polygon, c.point, 1.0);
  // Points all along the corridor, on and off its centre line, at 5-degree steps.
  for (int k = 0; k < 40; k += 8) {
    const double x = 37.0 + 497.0 * k;
    expect_chord(corridor, {x, 2000.0 * std::sin(2.0 * std::numbers::pi * x / 8000.0) + (k % 5 - 2) * 60.0}, 5.0);
  }
  EXPECT_NEAR(narrowest_chord_m(ell, {50.0, 50.0}), 100.0 * std::sqrt(2.0), 1e-9);  // corner to corner
  EXPECT_NEAR(narrowest_chord_m(holed, {50.0, 200.0}), 100.0, 1e-9);  // the frame beside the hole
  EXPECT_DOUBLE_EQ(narrowest_chord_m(holed, {200.0, 200.0}), 0.0);    // in the hole: outside
}

}  // namespace
}  // namespace cx::overlay
