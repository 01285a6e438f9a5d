#include <gtest/gtest.h>

#include <cmath>
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

}  // namespace
}  // namespace cx::network
