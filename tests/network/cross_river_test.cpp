#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cx/network/cross_river.hpp"
#include "cx/network/graph_builder.hpp"

namespace cx::network {
namespace {

// A river along y = 0; a road on each bank (y = ±100, x = 0..1000); zones at the four ends.
class CrossRiverTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  std::vector<roads::Road> roads;
  std::vector<zones::Zone> zones;
  Diagnostics diagnostics;
  geom::Geometry river = geom::Geometry::from_wkt(ctx, "LINESTRING (-1000 0, 500 10, 3000 0)");

  void SetUp() override {
    add("LINESTRING (0 100, 1000 100)");
    add("LINESTRING (0 -100, 1000 -100)");
    for (const geom::XY xy : {geom::XY{0, 100}, geom::XY{1000, 100}, geom::XY{0, -100}, geom::XY{1000, -100}}) {
      zones::Zone z;
      z.key = "Z" + std::to_string(zones.size() + 1);
      z.location = xy;
      zones.push_back(z);
    }
  }
  void add(const char* wkt) {
    roads::Road r;
    r.key = "R" + std::to_string(roads.size() + 1);
    r.speed_kmh = 36.0;
    r.geometry = geom::Geometry::from_wkt(ctx, wkt);
    roads.push_back(std::move(r));
  }
  CrossRiver run() {
    std::vector<const roads::Road*> lines;
    for (const auto& r : roads) lines.push_back(&r);
    const RoadGraph graph = build_graph(lines, GraphOptions{.snap_tolerance_m = 1.0}, diagnostics);
    return cross_river(graph, lines, snap_zones(graph, zones, 10.0), river);
  }
};

TEST_F(CrossRiverTest, OneBridgeCarriesEveryCrossingTrip) {
  add("LINESTRING (0 100, 0 -100)");  // the bridge
  const CrossRiver c = run();
  ASSERT_EQ(c.links.size(), 1U);
  EXPECT_EQ(c.opposite_pairs, 8U);  // 2 north × 2 south, both ways
  EXPECT_EQ(c.connected_pairs, 8U);
  // By hand: straight across 200/200; diagonal 1200/√(1000² + 200²) twice; far corners 2200/200.
  const double diagonal = 1200.0 / std::hypot(1000.0, 200.0);
  EXPECT_NEAR(*c.mean_detour, (1.0 + 2.0 * diagonal + 11.0) / 4.0, 1e-12);
  EXPECT_NEAR(*c.worst_detour, 11.0, 1e-12);
  EXPECT_EQ(c.trips, std::vector<std::size_t>{8});
}

TEST_F(CrossRiverTest, ASecondBridgeShortensTheWorstDetour) {
  add("LINESTRING (0 100, 0 -100)");
  add("LINESTRING (1000 100, 1000 -100)");
  add("LINESTRING (200 100, 200 300)");  // a spur on the north bank crosses nothing
  const CrossRiver c = run();
  ASSERT_EQ(c.links.size(), 2U);
  EXPECT_NEAR(*c.worst_detour, 1200.0 / std::hypot(1000.0, 200.0), 1e-12);
  // Each quickest path crosses once: the trips over both bridges add up to the pairs.
  EXPECT_EQ(std::accumulate(c.trips.begin(), c.trips.end(), std::size_t{0}), 8U);
  EXPECT_GE(c.trips[0], 2U);  // its own bank-to-bank pair, both ways
  EXPECT_GE(c.trips[1], 2U);
}

// A road split where it meets the river's centre line (a boundary often drawn there) crosses as
// one line does: the same links counted, the same trips over them. Its two halves only touch the
// river, so it used to count as no crossing, and its trips were no link's.
TEST_F(CrossRiverTest, ARoadSplitOnTheRiverCrossesItOnce) {
  add("LINESTRING (0 100, 0 -100)");
  add("LINESTRING (1000 100, 1000 -100)");
  const CrossRiver whole = run();
  roads.pop_back();
  add("LINESTRING (1000 100, 1000 8)");  // the river is at y = 8 where x = 1000
  add("LINESTRING (1000 8, 1000 -100)");
  const CrossRiver split = run();
  ASSERT_EQ(whole.links.size(), 2U);
  ASSERT_EQ(split.links.size(), 2U);
  EXPECT_EQ(split.trips, whole.trips);
  EXPECT_EQ(split.connected_pairs, whole.connected_pairs);
  // A road that only reaches the river (a slipway) crosses nothing.
  roads.pop_back();
  const CrossRiver slipway = run();
  EXPECT_EQ(slipway.links.size(), 1U);
}

// At a bend the river's side is the bend's, not the extension of one of its segments: a road
// split where the river turns (east, then north at (1000, 0)) crosses it only if its halves lie
// on the two sides of the bend.
TEST(CrossRiverAtABend, ARoadSplitWhereTheRiverTurnsCrossesOnlyIfItGoesAcross) {
  geom::GeosContext ctx;
  const geom::Geometry river = geom::Geometry::from_wkt(ctx, "LINESTRING (0 0, 1000 0, 1000 1000)");
  const auto links_across = [&](std::vector<const char*> wkts) {
    std::vector<roads::Road> roads;
    for (const char* wkt : wkts) {
      roads::Road r;
      r.key = "R" + std::to_string(roads.size() + 1);
      r.speed_kmh = 36.0;
      r.geometry = geom::Geometry::from_wkt(ctx, wkt);
      roads.push_back(std::move(r));
    }
    std::vector<const roads::Road*> lines;
    for (const auto& r : roads) lines.push_back(&r);
    Diagnostics diagnostics;
    const RoadGraph graph = build_graph(lines, GraphOptions{.snap_tolerance_m = 1.0}, diagnostics);
    return cross_river(graph, lines, {}, river).links.size();
  };
  // Both halves outside the bend (east of the northward reach, south of the eastward one).
  EXPECT_EQ(links_across({"LINESTRING (1500 300, 1000 0)", "LINESTRING (1000 0, 700 -300)"}), 0U);
  // From inside the bend to outside: across, as the same road drawn whole.
  EXPECT_EQ(links_across({"LINESTRING (500 300, 1000 0)", "LINESTRING (1000 0, 1500 300)"}), 1U);
  EXPECT_EQ(links_across({"LINESTRING (500 300, 1000 0, 1500 300)"}), 1U);
}

TEST_F(CrossRiverTest, SeveralRiversAtOnceGiveWhatEachGivesAlone) {
  add("LINESTRING (0 100, 0 -100)");
  add("LINESTRING (1000 100, 1000 -100)");
  const geom::Geometry stream = geom::Geometry::from_wkt(ctx, "LINESTRING (500 -500, 500 500)");
  std::vector<const roads::Road*> lines;
  for (const auto& r : roads) lines.push_back(&r);
  const RoadGraph graph = build_graph(lines, GraphOptions{.snap_tolerance_m = 1.0}, diagnostics);
  const auto snaps = snap_zones(graph, zones, 10.0);
  const auto both = cross_rivers(graph, lines, snaps, {&river, &stream});
  ASSERT_EQ(both.size(), 2U);
  for (std::size_t r = 0; r < 2; ++r) {
    const CrossRiver alone = cross_river(graph, lines, snaps, r == 0 ? river : stream);
    EXPECT_EQ(both[r].links, alone.links);
    EXPECT_EQ(both[r].opposite_pairs, alone.opposite_pairs);
    EXPECT_EQ(both[r].trips, alone.trips);
    EXPECT_EQ(both[r].mean_detour, alone.mean_detour);
  }
  EXPECT_EQ(both[1].links.size(), 2U);  // the stream is crossed by both bank roads
}

TEST_F(CrossRiverTest, WithoutABridgeTheBanksAreApart) {
  const CrossRiver c = run();
  EXPECT_TRUE(c.links.empty());
  EXPECT_EQ(c.opposite_pairs, 8U);
  EXPECT_EQ(c.connected_pairs, 0U);
  EXPECT_FALSE(c.mean_detour.has_value());
}

TEST(CrossRivers, AGridWithTwoBridgesMatchesHandCountsWhateverTheThreads) {
  // Junctions every 100 m, x 0..500, y -250..250; a river slanting just off y = 0 (so no
  // junction lies on it); the banks joined only at x = 0 and x = 300. Every junction is a zone.
  geom::GeosContext ctx;
  std::vector<roads::Road> roads;
  const auto add = [&](double x0, double y0, double x1, double y1) {
    roads::Road r;
    r.key = "R" + std::to_string(roads.size() + 1);
    r.speed_kmh = 36.0;
    r.geometry = geom::Geometry::from_wkt(ctx, "LINESTRING (" + std::to_string(x0) + " " + std::to_string(y0) + ", " +
                                                   std::to_string(x1) + " " + std::to_string(y1) + ")");
    roads.push_back(std::move(r));
  };
  std::vector<zones::Zone> zones;
  for (int i = 0; i <= 5; ++i) {
    for (int j = 0; j <= 5; ++j) {
      const double x = 100.0 * i, y = -250.0 + 100.0 * j;
      if (i < 5) add(x, y, x + 100.0, y);
      if (j < 5 && (j != 2 || i == 0 || i == 3)) add(x, y, x, y + 100.0);  // j = 2 spans the river
      zones::Zone z;
      z.key = "Z" + std::to_string(zones.size() + 1);
      z.location = {x, y};
      zones.push_back(z);
    }
  }
  const geom::Geometry river = geom::Geometry::from_wkt(ctx, "LINESTRING (-100 3, 600 -3)");
  std::vector<const roads::Road*> lines;
  for (const auto& r : roads) lines.push_back(&r);
  Diagnostics diagnostics;
  const RoadGraph graph = build_graph(lines, GraphOptions{.snap_tolerance_m = 1.0}, diagnostics);
  const auto snaps = snap_zones(graph, zones, 1.0);

  // By hand: the river is below y = 50 and above y = -50 everywhere between x = 0 and 500; a
  // pair on opposite banks goes up or down the grid and along to the nearer bridge.
  std::size_t opposite = 0;
  double detour_sum = 0.0, worst = 0.0;
  for (const auto& a : zones) {
    for (const auto& b : zones) {
      if (&a == &b || (a.location.y > 0.0) == (b.location.y > 0.0)) continue;
      ++opposite;
      double length = std::numeric_limits<double>::infinity();
      for (const double bridge : {0.0, 300.0}) {
        length = std::min(length, std::abs(a.location.x - bridge) + std::abs(bridge - b.location.x) +
                                      std::abs(a.location.y - b.location.y));
      }
      const double detour = length / std::hypot(a.location.x - b.location.x, a.location.y - b.location.y);
      detour_sum += detour;
      worst = std::max(worst, detour);
    }
  }
  const auto one = cross_rivers(graph, lines, snaps, {&river}, 1).front();
  EXPECT_EQ(one.links.size(), 2U);
  EXPECT_EQ(one.opposite_pairs, opposite);
  EXPECT_EQ(one.connected_pairs, opposite);
  EXPECT_NEAR(*one.mean_detour, detour_sum / static_cast<double>(opposite), 1e-12);
  EXPECT_NEAR(*one.worst_detour, worst, 1e-12);
  EXPECT_EQ(std::accumulate(one.trips.begin(), one.trips.end(), std::size_t{0}), opposite);  // one crossing each
  for (const unsigned threads : {2U, 3U}) {
    const auto many = cross_rivers(graph, lines, snaps, {&river}, threads).front();
    EXPECT_EQ(many.links, one.links);
    EXPECT_EQ(many.opposite_pairs, one.opposite_pairs);
    EXPECT_EQ(many.trips, one.trips);
    EXPECT_EQ(many.mean_detour, one.mean_detour);  // bit for bit: added up in the same order
    EXPECT_EQ(many.worst_detour, one.worst_detour);
  }

  // The OD matrix and the river figures from shared searches: the same as each computed apart,
  // and every OD length the hand count (along the grid, over the nearer bridge if across).
  const OdMatrix od = od_matrix(graph, snaps, 1);
  for (std::size_t a = 0; a < zones.size(); ++a) {
    for (std::size_t b = 0; b < zones.size(); ++b) {
      if (a == b) continue;
      const geom::XY p = zones[a].location, q = zones[b].location;
      double length = std::abs(p.x - q.x) + std::abs(p.y - q.y);
      if ((p.y > 0.0) != (q.y > 0.0)) {
        length = std::min(std::abs(p.x) + std::abs(q.x), std::abs(p.x - 300.0) + std::abs(q.x - 300.0)) +
                 std::abs(p.y - q.y);
      }
      EXPECT_NEAR(od.at(a, b).length_m, length, 1e-9) << a << " " << b;
      EXPECT_NEAR(od.at(a, b).time_s, length / 10.0, 1e-9) << a << " " << b;
    }
  }
  for (const unsigned threads : {1U, 3U}) {
    const auto both = od_and_cross_rivers(graph, lines, snaps, {&river}, threads);
    ASSERT_EQ(both.rivers.size(), 1U);
    const CrossRiver& fused = both.rivers.front();
    EXPECT_EQ(fused.links, one.links);
    EXPECT_EQ(fused.opposite_pairs, one.opposite_pairs);
    EXPECT_EQ(fused.connected_pairs, one.connected_pairs);
    EXPECT_EQ(fused.trips, one.trips);
    EXPECT_EQ(fused.mean_detour, one.mean_detour);
    EXPECT_EQ(fused.worst_detour, one.worst_detour);
    ASSERT_EQ(both.od.cost.size(), od.cost.size());
    for (std::size_t k = 0; k < od.cost.size(); ++k) {
      EXPECT_EQ(both.od.cost[k].time_s, od.cost[k].time_s) << k;
      EXPECT_EQ(both.od.cost[k].length_m, od.cost[k].length_m) << k;
    }
  }
  // Without rivers (a scenario may have none) only the OD matrix is made.
  const auto dry = od_and_cross_rivers(graph, lines, snaps, {}, 2);
  EXPECT_TRUE(dry.rivers.empty());
  ASSERT_EQ(dry.od.cost.size(), od.cost.size());
  for (std::size_t k = 0; k < od.cost.size(); ++k) EXPECT_EQ(dry.od.cost[k].time_s, od.cost[k].time_s) << k;
}

TEST(CrossRivers, BanksAsGeosSeesThemWhereLinesTouchRunAlongOrMeetAtACrossing) {
  // Zones on a 100 m grid; rivers through some zones, along grid lines, and crossing
  // themselves at a zone, so that many straight lines between zones touch a river at a vertex,
  // run along it or pass where it crosses itself. Which pairs are on opposite banks must be
  // what GEOS's intersection of the straight line with the river gives, less the meetings at
  // the line's own ends (a zone on the river is on neither bank).
  geom::GeosContext ctx;
  std::vector<roads::Road> roads;
  std::vector<zones::Zone> zones;
  for (int i = 0; i <= 4; ++i) {
    for (int j = 0; j <= 4; ++j) {
      const std::string x = std::to_string(100 * i), y = std::to_string(100 * j);
      for (const std::string& wkt : {"LINESTRING (" + x + " " + y + ", " + std::to_string(100 * i + 100) + " " + y + ")",
                                     "LINESTRING (" + x + " " + y + ", " + x + " " + std::to_string(100 * j + 100) + ")"}) {
        roads::Road r;
        r.key = "R" + std::to_string(roads.size() + 1);
        r.speed_kmh = 36.0;
        r.geometry = geom::Geometry::from_wkt(ctx, wkt);
        roads.push_back(std::move(r));
      }
      zones::Zone z;
      z.key = "Z" + std::to_string(zones.size() + 1);
      z.location = {100.0 * i, 100.0 * j};
      zones.push_back(z);
    }
  }
  std::vector<const roads::Road*> lines;
  for (const auto& r : roads) lines.push_back(&r);
  Diagnostics diagnostics;
  const RoadGraph graph = build_graph(lines, GraphOptions{.snap_tolerance_m = 1.0}, diagnostics);
  const auto snaps = snap_zones(graph, zones, 1.0);
  for (const char* wkt : {"LINESTRING (-50 150, 100 200, 200 200, 300 100, 450 250)",
                          "LINESTRING (0 50, 400 350, 400 50, 0 350)",  // crosses itself at (200, 200)
                          "MULTILINESTRING ((-10 130, 410 170), (250 -10, 250 410))"}) {
    const geom::Geometry river = geom::Geometry::from_wkt(ctx, wkt);
    std::size_t opposite = 0;
    for (const auto& a : zones) {
      for (const auto& b : zones) {
        if (&a == &b) continue;
        const geom::XY ends[] = {a.location, b.location};
        const geom::Geometry common = geom::Geometry::line_string(ctx, ends).intersection(river);
        // Meetings at the line's own ends do not count: a zone on the river is on neither bank.
        std::size_t points = 0;
        if (!common.is_empty() && (common.type() == geom::GeometryType::Point ||
                                   common.type() == geom::GeometryType::MultiPoint)) {
          for (int k = 0; k < common.num_geometries(); ++k) {
            const geom::XY p = common.part_points(k).front();
            if (!(p == a.location) && !(p == b.location)) ++points;
          }
        }
        if (points % 2 == 1) ++opposite;
      }
    }
    EXPECT_GT(opposite, 0U) << wkt;
    for (const unsigned threads : {1U, 2U}) {
      EXPECT_EQ(cross_rivers(graph, lines, snaps, {&river}, threads).front().opposite_pairs, opposite) << wkt;
    }
  }
}

}  // namespace
}  // namespace cx::network
