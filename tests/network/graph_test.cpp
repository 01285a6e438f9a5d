#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <tuple>

#include "cx/network/components.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/network/service_area.hpp"
#include "cx/network/shortest_paths.hpp"
#include "cx/network/zone_travel.hpp"

namespace cx::network {
namespace {

class GraphTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  std::vector<roads::Road> roads;
  Diagnostics diagnostics;

  roads::Road& add(const char* wkt, double speed_kmh, roads::Oneway oneway = roads::Oneway::Both,
                   int z_level = 0) {
    roads::Road r;
    r.key = "R" + std::to_string(roads.size() + 1);
    r.speed_kmh = speed_kmh;
    r.oneway = oneway;
    r.z_level = z_level;
    r.bridge = z_level > 0;
    r.geometry = geom::Geometry::from_wkt(ctx, wkt);
    roads.push_back(std::move(r));
    return roads.back();
  }
  std::vector<const roads::Road*> pointers() const {
    std::vector<const roads::Road*> out;
    for (const auto& r : roads) out.push_back(&r);
    return out;
  }
  RoadGraph build(double tolerance = 1.0, Noding noding = Noding::Endpoints) {
    return build_graph(pointers(), GraphOptions{.snap_tolerance_m = tolerance, .noding = noding}, diagnostics);
  }
  static NodeId node_at(const RoadGraph& g, double x, double y) {
    for (std::uint32_t i = 0; i < g.node_count(); ++i) {
      if (g.node(NodeId(i)).xy == geom::XY{x, y}) return NodeId(i);
    }
    return NodeId::invalid();
  }
};


TEST_F(GraphTest, QuickestTimesOnAHandMadeSquare) {
  add("LINESTRING (0 0, 1000 0)", 36.0);
  add("LINESTRING (1000 0, 1000 1000)", 36.0);
  add("LINESTRING (1000 1000, 0 1000)", 36.0);
  add("LINESTRING (0 1000, 0 0)", 36.0);
  add("LINESTRING (0 0, 1000 1000)", 72.0);
  const RoadGraph g = build();
  EXPECT_EQ(g.node_count(), 4U);
  EXPECT_EQ(g.edge_count(), 5U);
  const auto from_a = quickest_paths(g, node_at(g, 0, 0));
  EXPECT_NEAR(from_a[node_at(g, 1000, 1000).value()].time_s, 50.0 * std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(from_a[node_at(g, 1000, 1000).value()].length_m, 1000.0 * std::sqrt(2.0), 1e-9);
  EXPECT_NEAR(from_a[node_at(g, 1000, 0).value()].time_s, 100.0, 1e-9);
  const auto from_b = quickest_paths(g, node_at(g, 1000, 0));
  EXPECT_NEAR(from_b[node_at(g, 0, 1000).value()].time_s, 200.0, 1e-9);
}

TEST_F(GraphTest, OnewayStreetIsOnlyDrivenForwards) {
  add("LINESTRING (0 0, 1000 0)", 36.0, roads::Oneway::Forward);  // A → B only
  add("LINESTRING (1000 0, 1000 1000)", 36.0);
  add("LINESTRING (1000 1000, 0 1000)", 36.0);
  add("LINESTRING (0 1000, 0 0)", 36.0);
  add("LINESTRING (0 0, 1000 1000)", 72.0);
  const RoadGraph g = build();
  const NodeId a = node_at(g, 0, 0);
  const NodeId b = node_at(g, 1000, 0);
  EXPECT_NEAR(quickest_paths(g, a)[b.value()].time_s, 100.0, 1e-9);
  // B → A must go round: B–C (100 s) then the diagonal C–A (50√2 s).
  EXPECT_NEAR(quickest_paths(g, b)[a.value()].time_s, 100.0 + 50.0 * std::sqrt(2.0), 1e-9);
}

TEST_F(GraphTest, ReverseOnewayFollowsTheOppositeDirection) {
  add("LINESTRING (0 0, 1000 0)", 36.0, roads::Oneway::Backward);
  const RoadGraph g = build();
  EXPECT_FALSE(quickest_paths(g, node_at(g, 0, 0))[node_at(g, 1000, 0).value()].reachable());
  EXPECT_TRUE(quickest_paths(g, node_at(g, 1000, 0))[node_at(g, 0, 0).value()].reachable());
}

TEST_F(GraphTest, BridgeDoesNotConnectMidSpan) {
  // A ground road split at (500, 0), and a bridge passing over that point in one piece.
  add("LINESTRING (0 0, 500 0)", 36.0);
  add("LINESTRING (500 0, 1000 0)", 36.0);
  add("LINESTRING (500 -500, 500 500)", 36.0, roads::Oneway::Both, 1);
  const RoadGraph g = build();
  EXPECT_EQ(g.node_count(), 5U);
  EXPECT_EQ(connected_components(g).count(), 2U);
}

TEST_F(GraphTest, BridgeSplitAboveAJunctionStaysSeparate) {
  // Both the bridge and the road below are split at (500, 0): same spot, different levels.
  add("LINESTRING (0 0, 500 0)", 36.0);
  add("LINESTRING (500 0, 1000 0)", 36.0);
  add("LINESTRING (500 -500, 500 0)", 36.0, roads::Oneway::Both, 1);
  add("LINESTRING (500 0, 500 500)", 36.0, roads::Oneway::Both, 1);
  const RoadGraph g = build();
  const Components c = connected_components(g);
  EXPECT_EQ(c.count(), 2U);
  EXPECT_EQ(g.node_count(), 6U);
}

TEST_F(GraphTest, BridgeEndTouchingDownJoinsItsApproach) {
  add("LINESTRING (0 0, 100 0)", 36.0);                              // ground approach
  add("LINESTRING (100 0, 400 0)", 36.0, roads::Oneway::Both, 1);    // bridge
  add("LINESTRING (400 0, 500 0)", 36.0);                            // ground approach
  add("LINESTRING (400 0, 400 300)", 36.0);                          // side street at the far end
  const RoadGraph g = build();
  EXPECT_EQ(connected_components(g).count(), 1U);
  EXPECT_EQ(g.node_count(), 5U);
}

// A ramp (a bridge) landing in the middle of a ground road, at one of its vertices or between
// them: with shared-vertex or crossing noding the ground road is split there and the ramp's lone
// end joins it, as at a ground junction. A bridge passing over the road mid-span, and a bridge
// end that meets another bridge end, still do not land.
TEST_F(GraphTest, ABridgeEndLandingMidRoadJoinsItWhereLinesAreNodedInside) {
  add("LINESTRING (0 0, 500 0, 1000 0)", 36.0);                          // G, the ground road
  add("LINESTRING (500 300, 500 0)", 36.0, roads::Oneway::Both, 1);      // ramp onto G's vertex
  add("LINESTRING (700 300, 700 0)", 36.0, roads::Oneway::Both, 1);      // ramp onto G's segment
  add("LINESTRING (900 -200, 900 200)", 36.0, roads::Oneway::Both, 1);   // flyover
  add("LINESTRING (100 300, 100 0)", 36.0, roads::Oneway::Both, 1);      // viaduct end over G ...
  add("LINESTRING (100 0, 100 -300)", 36.0, roads::Oneway::Both, 1);     // ... meeting the next span
  const RoadGraph crossings = build(1.0, Noding::Crossings);
  EXPECT_EQ(crossings.degree(node_at(crossings, 500, 0)), 3U);
  EXPECT_EQ(crossings.degree(node_at(crossings, 700, 0)), 3U);
  EXPECT_FALSE(node_at(crossings, 900, 0).valid());
  // G: 0–500–700–1000; the two ramps; the flyover whole; the viaduct's two spans over G, apart.
  EXPECT_EQ(crossings.edge_count(), 3U + 2U + 1U + 2U);
  EXPECT_EQ(connected_components(crossings).count(), 3U);  // G and ramps, flyover, viaduct
  const RoadGraph shared = build(1.0, Noding::SharedVertices);
  EXPECT_EQ(shared.degree(node_at(shared, 500, 0)), 3U);  // at G's vertex only
  EXPECT_FALSE(node_at(shared, 700, 0).valid() && shared.degree(node_at(shared, 700, 0)) > 1);
  EXPECT_EQ(shared.edge_count(), 2U + 2U + 1U + 2U);
}

// Two spans of a viaduct with a 1.2 m gap over a ground road (tolerance 1 m): neither end meets
// the other span within the tolerance, so both touch down, at the one point under them; the
// spans then meet each other there, above the road, whatever the order of the lines. And a ramp
// ending on the viaduct's segment meets its level, so it does not split the road below.
TEST_F(GraphTest, TouchingDownDoesNotDependOnTheOrderOrLandARampOnAViaduct) {
  const auto shape = [&](const RoadGraph& g) {
    std::vector<std::tuple<double, double, int, std::size_t>> nodes;
    for (std::uint32_t i = 0; i < g.node_count(); ++i) {
      const Node& n = g.node(NodeId(i));
      nodes.emplace_back(n.xy.x, n.xy.y, n.z_level, g.degree(NodeId(i)));
    }
    std::sort(nodes.begin(), nodes.end());
    return nodes;
  };
  const auto crossings = [&] { return build(1.0, Noding::Crossings); };
  add("LINESTRING (0 0, 1000 0)", 36.0);
  add("LINESTRING (100 300, 100 0.6)", 36.0, roads::Oneway::Both, 1);
  add("LINESTRING (100 -0.6, 100 -300)", 36.0, roads::Oneway::Both, 1);
  const auto one = shape(crossings());
  std::swap(roads[1], roads[2]);
  const auto other = shape(crossings());
  EXPECT_EQ(one, other);
  std::size_t ground_degree = 0;
  for (const auto& [x, y, z, degree] : one) {
    if (z == 0) ground_degree = std::max(ground_degree, degree);
  }
  EXPECT_LE(ground_degree, 2U);  // the road is not joined to the spans
  EXPECT_EQ(connected_components(crossings()).count(), 2U);  // the road; the viaduct

  roads.clear();
  add("LINESTRING (0 100, 1000 100)", 36.0, roads::Oneway::Both, 1);     // viaduct
  add("LINESTRING (500 -500, 500 500)", 36.0);                           // road below
  add("LINESTRING (300 400, 500 100)", 36.0, roads::Oneway::Both, 1);    // ramp onto the viaduct
  const RoadGraph g = crossings();
  std::size_t road_links = 0;
  for (const auto& e : g.edges()) road_links += e.road_index == 1 ? 1 : 0;
  EXPECT_EQ(road_links, 1U);
}

TEST_F(GraphTest, EndsWithinTheSnapToleranceMeet) {
  add("LINESTRING (0 0, 100 0)", 36.0);
  add("LINESTRING (100.5 0, 200 0)", 36.0);
  EXPECT_EQ(connected_components(build(1.0)).count(), 1U);
  EXPECT_EQ(connected_components(build(0.1)).count(), 2U);
}

TEST_F(GraphTest, EndsMeetAcrossGridCellsAndNegativeCoordinates) {
  // Ends close together but in different one-metre cells (diagonally, and across zero), and
  // ends just beyond the tolerance, which must stay apart.
  add("LINESTRING (-50 0.9, 0.9 0.9)", 36.0);     // ends at (0.9, 0.9)
  add("LINESTRING (1.1 1.1, 1.1 60)", 36.0);      // starts 0.28 m away, in the diagonal cell
  add("LINESTRING (-0.3 -40, -0.3 -0.2)", 36.0);  // ends 1.2 m from (0.9, 0.9): apart
  add("LINESTRING (0.6 -0.2, 70 -0.2)", 36.0);    // starts 0.9 m from (-0.3, -0.2), across x = 0
  add("LINESTRING (0.6 -1.3, 0.6 -80)", 36.0);    // 1.1 m below (0.6, -0.2): apart
  const RoadGraph g = build(1.0);
  const auto c = connected_components(g);
  EXPECT_EQ(c.count(), 3U);  // the first two; the third and fourth; the fifth alone
  EXPECT_EQ(c.of_node[node_at(g, -50, 0.9).value()], c.of_node[node_at(g, 1.1, 60).value()]);
  EXPECT_EQ(c.of_node[node_at(g, -0.3, -40).value()], c.of_node[node_at(g, 70, -0.2).value()]);
  EXPECT_NE(c.of_node[node_at(g, -0.3, -40).value()], c.of_node[node_at(g, 0.6, -80).value()]);
}

TEST_F(GraphTest, EndClustersMatchEveryPairWithinTheTolerance) {
  // Many ends a metre or so apart, in many grid cells and on both sides of zero, so that
  // clusters form through chains of neighbours in every direction. The graph's junctions must
  // be the groups found by comparing every pair of ends (single linkage, as the builder joins).
  std::mt19937 random(7);
  std::uniform_real_distribution<double> offset(-12.0, 12.0);
  constexpr int lines = 160;
  constexpr double tolerance = 1.5;
  std::vector<geom::XY> starts, ends;
  for (int i = 0; i < lines; ++i) {
    starts.push_back({offset(random), offset(random)});
    ends.push_back({500.0 + offset(random), offset(random)});  // far from every start
    add(("LINESTRING (" + std::to_string(starts.back().x) + " " + std::to_string(starts.back().y) + ", " +
         std::to_string(ends.back().x) + " " + std::to_string(ends.back().y) + ")").c_str(), 36.0);
  }
  const auto groups = [&](const std::vector<geom::XY>& points) {
    std::vector<int> group(points.size());
    std::iota(group.begin(), group.end(), 0);
    const std::function<int(int)> find = [&](int i) { return group[i] == i ? i : group[i] = find(group[i]); };
    for (std::size_t i = 0; i < points.size(); ++i) {
      for (std::size_t j = i + 1; j < points.size(); ++j) {
        if (std::hypot(points[i].x - points[j].x, points[i].y - points[j].y) <= tolerance) {
          group[find(static_cast<int>(i))] = find(static_cast<int>(j));
        }
      }
    }
    for (std::size_t i = 0; i < points.size(); ++i) group[i] = find(static_cast<int>(i));
    return group;
  };
  // The pairs are compared on the coordinates the roads hold, as read back from their WKT.
  for (int i = 0; i < lines; ++i) {
    starts[i] = roads[i].geometry.part_points(0).front();
    ends[i] = roads[i].geometry.part_points(0).back();
  }
  const std::vector<int> start_group = groups(starts), end_group = groups(ends);
  const RoadGraph g = build(tolerance);
  const auto distinct = [](std::vector<int> v) {
    std::sort(v.begin(), v.end());
    return static_cast<std::size_t>(std::unique(v.begin(), v.end()) - v.begin());
  };
  const std::size_t start_junctions = distinct(start_group), end_junctions = distinct(end_group);
  EXPECT_GT(start_junctions, 20U);  // the case has chains and loners, not one blob
  EXPECT_LT(start_junctions, 140U);
  EXPECT_EQ(g.node_count(), start_junctions + end_junctions);
  ASSERT_EQ(g.edge_count(), static_cast<std::size_t>(lines));
  for (int i = 0; i < lines; ++i) {
    for (int j = i + 1; j < lines; ++j) {
      const Edge& a = g.edge(EdgeId(static_cast<std::uint32_t>(i)));
      const Edge& b = g.edge(EdgeId(static_cast<std::uint32_t>(j)));
      EXPECT_EQ(start_group[i] == start_group[j], a.from == b.from) << i << " " << j;
      EXPECT_EQ(end_group[i] == end_group[j], a.to == b.to) << i << " " << j;
    }
  }
}

TEST_F(GraphTest, DuplicatesAndDanglesMatchComparingEveryLink) {
  // A jittered lattice of short lines, some digitised twice (either way round, some a little
  // longer), some left out (dead ends), and spurs that stop short of, touch the tolerance of,
  // or run well clear of other roads. The reports must be what comparing every pair of links
  // finds, with distances measured by GEOS.
  std::mt19937 random(23);
  std::uniform_real_distribution<double> jitter(-8.0, 8.0), unit(0.0, 1.0);
  constexpr int side = 9;
  constexpr double step = 100.0;
  std::vector<geom::XY> at;
  for (int i = 0; i < side * side; ++i) at.push_back({(i % side) * step + jitter(random), (i / side) * step + jitter(random)});
  const auto line = [](geom::XY a, geom::XY b) {
    return "LINESTRING (" + std::to_string(a.x) + " " + std::to_string(a.y) + ", " + std::to_string(b.x) + " " +
           std::to_string(b.y) + ")";
  };
  for (int i = 0; i < side * side; ++i) {
    for (const int j : {i + 1, i + side}) {
      if ((j == i + 1 && i % side == side - 1) || j >= side * side || unit(random) < 0.15) continue;
      add(line(at[i], at[j]).c_str(), 36.0);
      const double draw = unit(random);
      if (draw < 0.1) add(line(at[j], at[i]).c_str(), 36.0);  // the same line the other way
      if (draw > 0.9) {  // the same junctions by a slightly longer way: not a duplicate
        const geom::XY mid{(at[i].x + at[j].x) / 2 + 0.5, (at[i].y + at[j].y) / 2};
        add(("LINESTRING (" + std::to_string(at[i].x) + " " + std::to_string(at[i].y) + ", " + std::to_string(mid.x) +
             " " + std::to_string(mid.y) + ", " + std::to_string(at[j].x) + " " + std::to_string(at[j].y) + ")")
                .c_str(),
            36.0);
      }
    }
    // A spur heading up from the lattice point towards the line between the next row's points
    // (when it was drawn), stopping 0 to 10 m short of it.
    if (i % side != side - 1 && i + side + 1 < side * side && unit(random) < 0.4) {
      const geom::XY a = at[i + side], b = at[i + side + 1];
      const double x = (a.x + b.x) / 2;
      const geom::XY end{x, (a.y + b.y) / 2 - 10.0 * unit(random)};
      add(line(at[i], end).c_str(), 36.0);
    }
  }
  for (std::size_t i = 0; i < roads.size(); ++i) roads[i].fid = static_cast<long long>(i + 1);
  const RoadGraph g = build();
  std::vector<const roads::Road*> pointers;
  for (const auto& r : roads) pointers.push_back(&r);

  std::vector<long long> expected_duplicates, expected_dangles;
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& a = g.edge(EdgeId(i));
    for (std::uint32_t j = 0; j < i; ++j) {
      const Edge& b = g.edge(EdgeId(j));
      const bool same_ends = std::minmax(a.from, a.to) == std::minmax(b.from, b.to);
      if (same_ends && std::llround(a.length_m * 1000.0) == std::llround(b.length_m * 1000.0)) {
        expected_duplicates.push_back(roads[a.road_index].fid);
        break;
      }
    }
  }
  for (std::uint32_t n = 0; n < g.node_count(); ++n) {
    if (g.degree(NodeId(n)) != 1) continue;
    const geom::Geometry point = geom::Geometry::point(ctx, g.node(NodeId(n)).xy);
    long long own = 0;
    bool near = false;
    for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
      const Edge& e = g.edge(EdgeId(i));
      if (e.from.value() == n || e.to.value() == n) {
        own = roads[e.road_index].fid;
        continue;
      }
      near = near || edge_geometry(g, pointers, EdgeId(i)).distance(point) <= 5.0;
    }
    if (near) expected_dangles.push_back(own);
  }
  std::vector<long long> duplicates, dangles;
  for (const auto& d : diagnostics.items()) {
    if (d.code == "network.duplicate_link") duplicates = d.feature_ids;
    if (d.code == "network.dangling_end") dangles = d.feature_ids;
  }
  EXPECT_GT(expected_duplicates.size(), 3U);  // the case has both kinds, and dead ends clear of roads
  EXPECT_GT(expected_dangles.size(), 3U);
  EXPECT_EQ(duplicates, expected_duplicates);
  EXPECT_EQ(dangles, expected_dangles);
}

TEST(SnapZones, FindsWhatComparingEveryNodeFinds) {
  // Junctions on a jittered grid with repeats and exact ties (points at equal distance from a
  // zone), zones inside, on nodes, between two nodes and far outside the network's extent.
  std::mt19937 random(11);
  std::uniform_real_distribution<double> jitter(-20.0, 20.0);
  std::vector<Node> nodes;
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 25; ++j) nodes.push_back(Node{{100.0 * i + jitter(random), 100.0 * j + jitter(random)}});
  }
  nodes.push_back(nodes[17]);                      // the same position twice
  nodes.push_back(Node{{1000.0, 5000.0}});         // two nodes at equal distance
  nodes.push_back(Node{{1000.0, 5080.0}});         // from (1000, 5040)
  const RoadGraph graph(nodes, {});
  std::vector<zones::Zone> zones;
  const auto zone_at = [&](double x, double y) {
    zones::Zone z;
    z.key = "Z" + std::to_string(zones.size());
    z.location = {x, y};
    zones.push_back(z);
  };
  std::uniform_real_distribution<double> anywhere(-500.0, 4500.0);
  for (int k = 0; k < 300; ++k) zone_at(anywhere(random), anywhere(random));
  zone_at(nodes[17].xy.x, nodes[17].xy.y);
  zone_at(1000.0, 5040.0);
  zone_at(-1e6, 3e6);
  const auto snaps = snap_zones(graph, zones, 60.0);
  ASSERT_EQ(snaps.size(), zones.size());
  for (std::size_t z = 0; z < zones.size(); ++z) {
    std::uint32_t best = 0;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::uint32_t n = 0; n < nodes.size(); ++n) {
      const double d = std::hypot(nodes[n].xy.x - zones[z].location.x, nodes[n].xy.y - zones[z].location.y);
      if (d < best_d) {
        best_d = d;
        best = n;
      }
    }
    EXPECT_EQ(snaps[z].distance_m, best_d) << z;
    EXPECT_EQ(snaps[z].node, best_d <= 60.0 ? NodeId(best) : NodeId::invalid()) << z;
  }
  EXPECT_EQ(snaps[zones.size() - 2].node, NodeId(static_cast<std::uint32_t>(nodes.size() - 2)));  // the lower id
}

TEST_F(GraphTest, NodeNumbersDoNotDependOnTheOrderOfTheRoads) {
  for (int i = 0; i < 12; ++i) {
    const double x = (i * 37) % 11 * 100.0, y = (i * 53) % 7 * 100.0;
    add(("LINESTRING (" + std::to_string(x) + " " + std::to_string(y) + ", " + std::to_string(x + 100) +
         " " + std::to_string(y) + ", " + std::to_string(x + 100) + " " + std::to_string(y + 100) + ")").c_str(),
        36.0);
  }
  const RoadGraph forward = build();
  std::reverse(roads.begin(), roads.end());
  const RoadGraph backward = build();
  ASSERT_EQ(forward.node_count(), backward.node_count());
  for (std::uint32_t n = 0; n < forward.node_count(); ++n) {
    EXPECT_EQ(forward.node(NodeId(n)).xy, backward.node(NodeId(n)).xy) << n;
  }
}

TEST_F(GraphTest, ZeroLengthLinesAreSkippedAndReported) {
  add("LINESTRING (0 0, 100 0)", 36.0);
  add("LINESTRING (5 5, 5 5)", 36.0);
  const RoadGraph g = build();
  EXPECT_EQ(g.edge_count(), 1U);
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(diagnostics.items()[0].code, "network.zero_length");
}

// A 2 mm stub between two roads: both its ends fall in one junction. As a link it was a loop
// from that junction to itself, one independent cycle the network does not have. By hand: the
// path A–B is 2 links, 3 junctions, no cycle (e − v + p = 2 − 3 + 1 = 0).
TEST_F(GraphTest, ASliverBetweenTwoRoadsIsNoLoop) {
  // The graph of the lines given (all at 36 km/h), the network's earlier lines set aside.
  const auto graph_of = [this](std::initializer_list<const char*> wkts) {
    roads.clear();
    for (const char* wkt : wkts) add(wkt, 36.0);
    return build();
  };
  const auto nodes_links_cycles = [](const RoadGraph& g) {
    const auto loops = std::count_if(g.edges().begin(), g.edges().end(), [](const Edge& e) { return e.from == e.to; });
    return std::tuple(g.node_count(), g.edge_count(), static_cast<std::size_t>(loops));
  };
  // A, the sliver, B.
  const RoadGraph g = graph_of({"LINESTRING (0 0, 100 0)", "LINESTRING (100 0, 100.002 0)", "LINESTRING (100.002 0, 200 0)"});
  EXPECT_EQ(nodes_links_cycles(g), std::tuple(3U, 2U, 0U));
  EXPECT_EQ(connected_components(g).count(), 1U);
  const auto found = std::find_if(diagnostics.items().begin(), diagnostics.items().end(),
                                  [](const Diagnostic& d) { return d.code == "network.sliver"; });
  ASSERT_NE(found, diagnostics.items().end());
  EXPECT_EQ(found->action, "skipped");
  // Ends chained within the tolerance (100, 100.9, 101.8) make one junction: the piece between
  // the last two is a sliver too, though 1.8 m from the first end.
  EXPECT_EQ(nodes_links_cycles(graph_of({"LINESTRING (0 0, 100 0)", "LINESTRING (100.9 0, 101.8 0)",
                                         "LINESTRING (101.8 0, 200 0)"})),
            std::tuple(3U, 2U, 0U));
  // A sliver alone leaves no junction behind (it would be a component of its own), and a real
  // loop road (a cul-de-sac's ring, far beyond the tolerance) stays a link.
  const RoadGraph h = graph_of({"LINESTRING (500 500, 500.3 500)", "LINESTRING (0 0, 100 0)",
                                "LINESTRING (100 0, 120 20, 140 0, 120 -20, 100 0)"});
  EXPECT_EQ(nodes_links_cycles(h), std::tuple(2U, 2U, 1U));
  EXPECT_EQ(connected_components(h).count(), 1U);
}

// A line ending on another, at full-precision coordinates: the crossing found in floating point
// falls a hair short of the end, and the stretches between it and the end (6e-11 m) were kept
// as two loop links, with two cycles and a repeated link key. A T has 4 junctions and 3 links.
TEST_F(GraphTest, CrossingNodingMakesNoHairlineLoopsAtAT) {
  add("LINESTRING (430000.86804530717 3893606.3486065827, 432000.52318121039 3893702.8327092426)", 36.0);
  add("LINESTRING (431253.10825483059 3893788.5796740679, 431274.90668291925 3893667.8214438218)", 36.0);
  const RoadGraph g = build(1.0, Noding::Crossings);
  EXPECT_EQ(g.node_count(), 4U);
  EXPECT_EQ(g.edge_count(), 3U);
  for (const auto& e : g.edges()) {
    EXPECT_NE(e.from, e.to);
    EXPECT_GT(e.length_m, 100.0);
  }
}

// Two crossings 0.5 m apart share one junction (within the 1 m tolerance): the links of A after
// it start at that junction's point, and their length is measured as they are drawn, not from
// where A was split (which differed by up to the tolerance).
TEST_F(GraphTest, LinksFromMergedCrossingsAreAsLongAsTheyAreDrawn) {
  add("LINESTRING (0 0, 1000 0)", 36.0);         // A
  add("LINESTRING (500 -100, 500 100)", 36.0);   // B crosses A at 500
  add("LINESTRING (500.5 -100, 500.5 100)", 36.0);  // C crosses A at 500.5
  const RoadGraph g = build(1.0, Noding::Crossings);
  const auto lines = pointers();
  double a_total = 0.0;
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(EdgeId(i));
    const geom::Geometry shape = edge_geometry(g, lines, EdgeId(i));
    EXPECT_NEAR(shape.length(), e.length_m, 1e-9) << i;
    EXPECT_NEAR(e.time_s, e.length_m / 10.0, 1e-9) << i;  // 36 km/h
    if (e.road_index == 0) a_total += e.length_m;
  }
  EXPECT_NEAR(a_total, 1000.0, 1e-9);  // A's two links, from its ends to one junction on it
}

TEST_F(GraphTest, ComponentsAreNumberedLargestFirst) {
  add("LINESTRING (0 0, 10 0)", 36.0);          // small piece, lowest coordinates
  add("LINESTRING (100 0, 200 0)", 36.0);
  add("LINESTRING (200 0, 300 0)", 36.0);
  const Components c = connected_components(build());
  ASSERT_EQ(c.count(), 2U);
  EXPECT_EQ(c.node_counts[0], 3U);
  EXPECT_EQ(c.node_counts[1], 2U);
  EXPECT_EQ(c.of_node[0], 1U);  // node 0 is (0, 0), in the small piece
}

TEST_F(GraphTest, ZonesSnapToTheNearestNodeOrAreFlagged) {
  add("LINESTRING (0 0, 1000 0)", 36.0);
  const RoadGraph g = build();
  std::vector<zones::Zone> zones(3);
  zones[0].location = {10, 30};     // 31.6 m from (0, 0)
  zones[1].location = {990, -40};   // 41.2 m from (1000, 0)
  zones[2].location = {500, 900};   // far from both ends
  const auto snaps = snap_zones(g, zones, 500.0);
  EXPECT_EQ(snaps[0].node, node_at(g, 0, 0));
  EXPECT_NEAR(snaps[0].distance_m, std::hypot(10.0, 30.0), 1e-9);
  EXPECT_EQ(snaps[1].node, node_at(g, 1000, 0));
  EXPECT_FALSE(snaps[2].snapped());
  const OdMatrix od = od_matrix(g, snaps);
  EXPECT_NEAR(od.at(0, 1).time_s, 100.0, 1e-9);
  EXPECT_FALSE(od.at(0, 2).reachable());
}

}  // namespace
}  // namespace cx::network

namespace cx::network {
namespace {

TEST_F(GraphTest, SharedVertexNodingSplitsWaysWhereTheyShareAVertex) {
  // Two OpenStreetMap-like ways crossing at a node they share, (50, 0); a third ends on the
  // first's vertex (80, 0) (a T junction); a bridge passes over (20, 0) with a vertex there.
  add("LINESTRING (0 0, 20 0, 50 0, 80 0, 100 0)", 36.0);
  add("LINESTRING (50 -50, 50 0, 50 50)", 36.0, roads::Oneway::Forward);
  add("LINESTRING (80 0, 80 40)", 36.0);
  add("LINESTRING (20 -30, 20 0, 20 30)", 36.0, roads::Oneway::Both, 1);  // a bridge
  const RoadGraph endpoints = build();
  EXPECT_EQ(endpoints.edge_count(), 4U);  // one edge a way: they meet at (80, 0) only if split
  GraphOptions options{.snap_tolerance_m = 1.0, .noding = Noding::SharedVertices};
  std::vector<const roads::Road*> pointers;
  for (const auto& r : roads) pointers.push_back(&r);
  const RoadGraph g = build_graph(pointers, options, diagnostics);
  // The first way: 0–50 (the bridge's vertex at 20 is on another level), 50–80, 80–100; the
  // crossing way: two halves; the spur; the bridge whole.
  EXPECT_EQ(g.edge_count(), 3U + 2U + 1U + 1U);
  const NodeId centre = node_at(g, 50, 0);
  ASSERT_TRUE(centre.valid());
  EXPECT_EQ(g.degree(centre), 4U);
  EXPECT_EQ(g.degree(node_at(g, 80, 0)), 3U);
  EXPECT_FALSE(node_at(g, 20, 0).valid());  // the bridge does not land
  // Each edge runs along its own stretch of the way, with that stretch's length.
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(EdgeId(i));
    const geom::Geometry shape = edge_geometry(g, pointers, EdgeId(i));
    EXPECT_DOUBLE_EQ(shape.length(), e.length_m);
    const auto points = shape.line_points();
    EXPECT_EQ(points.front(), g.node(e.from).xy);
    EXPECT_EQ(points.back(), g.node(e.to).xy);
  }
  // One-way pieces keep their direction: from (50, 50) south is not allowed.
  const auto from_north = quickest_paths(g, node_at(g, 50, 50));
  EXPECT_FALSE(from_north[centre.value()].reachable());
  const auto from_south = quickest_paths(g, node_at(g, 50, -50));
  EXPECT_NEAR(from_south[node_at(g, 100, 0).value()].length_m, 50.0 + 50.0, 1e-9);
}

TEST_F(GraphTest, CrossingNodingJoinsLinesWhereTheyCrossOnOneLevel) {
  // Survey-style lines not split at junctions: an X crossing mid-segment at (40, 30); a line
  // whose vertex (100, 0) is on the X's first line's segment (a T); a spur ending 0.6 m short
  // of the first line (an undershoot); a bridge across everything; a one-way line.
  add("LINESTRING (0 0, 200 0)", 36.0);                                       // A
  add("LINESTRING (40 -30, 40 30, 40 60)", 36.0);                             // B crosses A at (40, 0)
  add("LINESTRING (100 50, 100 0, 100 -20)", 36.0, roads::Oneway::Forward);  // C: vertex on A
  add("LINESTRING (150 40, 150 0.6)", 36.0);                                  // D: stops short of A
  add("LINESTRING (70 -40, 70 40)", 36.0, roads::Oneway::Both, 1);            // E: a bridge
  std::vector<const roads::Road*> pointers;
  for (const auto& r : roads) pointers.push_back(&r);
  EXPECT_EQ(connected_components(build()).count(), 5U);  // endpoints noding: nothing meets
  const RoadGraph g = build_graph(pointers, {.snap_tolerance_m = 1.0, .noding = Noding::Crossings}, diagnostics);
  // A: 0–40–100–150–200; B: two; C: two; D: one; E: whole (it lands nowhere).
  EXPECT_EQ(g.edge_count(), 4U + 2U + 2U + 1U + 1U);
  const auto c = connected_components(g);
  EXPECT_EQ(c.count(), 2U);  // the road network, and the bridge alone
  EXPECT_EQ(g.degree(node_at(g, 40, 0)), 4U);
  EXPECT_EQ(g.degree(node_at(g, 100, 0)), 4U);
  // D's end is where it meets A (A is bent 0.6 m to it: within the tolerance).
  const NodeId d_end = node_at(g, 150, 0.6);
  ASSERT_TRUE(d_end.valid());
  EXPECT_EQ(g.degree(d_end), 3U);
  EXPECT_FALSE(node_at(g, 70, 0).valid());  // the bridge does not land on A
  // Every edge runs from its from-junction to its to-junction, and the pieces of each line add
  // up to the line (within the bend D's end puts into A).
  std::vector<double> total(roads.size(), 0.0);
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const Edge& e = g.edge(EdgeId(i));
    const geom::Geometry shape = edge_geometry(g, pointers, EdgeId(i));
    const auto points = shape.line_points();
    EXPECT_EQ(points.front(), g.node(e.from).xy) << i;
    EXPECT_EQ(points.back(), g.node(e.to).xy) << i;
    EXPECT_NEAR(shape.length(), e.length_m, 1e-9) << i;
    total[e.road_index] += e.length_m;
  }
  EXPECT_NEAR(total[0], 100.0 + 2.0 * std::hypot(50.0, 0.6), 1e-9);  // 0–100 straight, then the bend
  EXPECT_NEAR(total[1], 90.0, 1e-9);
  EXPECT_NEAR(total[2], 70.0, 1e-9);
  // Quickest paths use the crossings: (0, 0) to (40, 60) is 40 + 60 m; C stays one-way.
  const auto from_origin = quickest_paths(g, node_at(g, 0, 0));
  EXPECT_NEAR(from_origin[node_at(g, 40, 60).value()].length_m, 100.0, 1e-9);
  EXPECT_FALSE(from_origin[node_at(g, 100, 50).value()].reachable());
  EXPECT_NEAR(from_origin[node_at(g, 100, -20).value()].length_m, 120.0, 1e-9);
}

TEST_F(GraphTest, CrossingNodingKeepsLevelsApartAndJoinsLinesOnOneLevel) {
  // Two flyovers crossing each other on level 1 meet; a ground road under them meets neither.
  add("LINESTRING (0 0, 100 100)", 36.0, roads::Oneway::Both, 1);
  add("LINESTRING (0 100, 100 0)", 36.0, roads::Oneway::Both, 1);
  add("LINESTRING (50 -10, 50 110)", 36.0);
  const RoadGraph g = build(1.0, Noding::Crossings);
  EXPECT_EQ(g.edge_count(), 5U);
  const NodeId centre = node_at(g, 50, 50);
  ASSERT_TRUE(centre.valid());
  EXPECT_EQ(g.node(centre).z_level, 1);
  EXPECT_EQ(g.degree(centre), 4U);
  EXPECT_EQ(connected_components(g).count(), 2U);
}

TEST(Noding, NamesAreParsedStrictly) {
  EXPECT_EQ(parse_noding("endpoints"), Noding::Endpoints);
  EXPECT_EQ(parse_noding("shared-vertices"), Noding::SharedVertices);
  EXPECT_EQ(parse_noding("crossings"), Noding::Crossings);
  EXPECT_THROW((void)parse_noding("crossing"), ConfigError);
}

}  // namespace
}  // namespace cx::network

namespace cx::network {
namespace {

TEST_F(GraphTest, AccessibilityAndDetourOnAHandMadeLine) {
  // A — B — C along x, 1000 m each at 36 km/h (100 s each); D joins nothing (far away).
  add("LINESTRING (0 0, 1000 0)", 36.0);
  add("LINESTRING (1000 0, 1000 1000, 2000 1000)", 36.0);  // a dog-leg: 2000 m for √2 km
  const RoadGraph g = build();
  std::vector<zones::Zone> zones(4);
  const geom::XY at[] = {{0, 0}, {1000, 0}, {2000, 1000}, {90000, 0}};
  for (std::size_t i = 0; i < 4; ++i) {
    zones[i].key = std::string(1, static_cast<char>('A' + i));
    zones[i].location = at[i];
  }
  const auto snaps = snap_zones(g, zones, 10.0);
  const OdMatrix od = od_matrix(g, snaps, 2);
  // Jobs 10, 20, 40, 80. From A: B at 100 s, C at 300 s; within 2 min: A + B; within 5: all three.
  const auto access = reachable_within(od, snaps, {10, 20, 40, 80}, {1.0, 2.0, 5.0});
  EXPECT_EQ(access[0], (std::vector<double>{10, 30, 70}));
  EXPECT_EQ(access[1], (std::vector<double>{20, 20 + 10 + 0, 70}));  // A at 100 s, C at 200 s
  EXPECT_EQ(access[3], (std::vector<double>{0, 0, 0}));              // not joined
  // Detour B → C: 2000 m along the dog-leg for √(1000² + 1000²) straight.
  EXPECT_NEAR(*detour(g, snaps, od, 1, 2), 2000.0 / std::sqrt(2.0e6), 1e-12);
  EXPECT_FALSE(detour(g, snaps, od, 0, 3).has_value());
  // Closeness: A reaches B (100 s) and C (300 s): 2 zones in 400 s = 20/3 min.
  const auto closeness = zone_closeness(od);
  EXPECT_NEAR(*closeness[0], 2.0 / (400.0 / 60.0), 1e-12);
  EXPECT_FALSE(closeness[3].has_value());
}

}  // namespace
}  // namespace cx::network

namespace cx::network {
namespace {

TEST_F(GraphTest, DuplicateLinksAndDeadEndsShortOfARoadAreReported) {
  add("LINESTRING (0 0, 100 0)", 36.0);
  add("LINESTRING (100 0, 0 0)", 36.0);    // the same road again, digitised the other way
  add("LINESTRING (50 3, 50 50)", 36.0);   // stops 3 m short of the first road
  add("LINESTRING (200 0, 200 50)", 36.0); // a dead end far from anything
  for (std::size_t i = 0; i < roads.size(); ++i) roads[i].fid = static_cast<long long>(i + 1);
  (void)build();
  std::vector<long long> duplicates, dangles;
  for (const auto& d : diagnostics.items()) {
    if (d.code == "network.duplicate_link") duplicates = d.feature_ids;
    if (d.code == "network.dangling_end") dangles = d.feature_ids;
  }
  EXPECT_EQ(duplicates, std::vector<long long>{2});  // the second of the pair
  EXPECT_EQ(dangles, std::vector<long long>{3});     // not the far dead end (4), nor road 1's ends
}

}  // namespace
}  // namespace cx::network

namespace cx::network {
namespace {

TEST_F(GraphTest, ServiceAreaReachesWholeLinksAndPartOfTheLast) {
  // A → B → C, 1000 m each at 36 km/h (100 s), the second with a bend; a one-way link D → B
  // (towards the source side) that a traveller from A cannot drive.
  add("LINESTRING (0 0, 1000 0)", 36.0);
  add("LINESTRING (1000 0, 1000 600, 1400 600)", 36.0);
  add("LINESTRING (1000 -500, 1000 0)", 36.0, roads::Oneway::Forward);
  const RoadGraph g = build();
  std::vector<const roads::Road*> pointers;
  for (const auto& r : roads) pointers.push_back(&r);
  // 2.5 minutes = 150 s: all of A–B, then 50 s = 500 m along B–C (past the bend at 600 m? no: 500 m).
  const auto reached = service_area(g, node_at(g, 0, 0), 2.5);
  double total_m = 0.0;
  for (const auto& s : reached) total_m += s.to_m - s.from_m;
  EXPECT_NEAR(total_m, 1500.0, 1e-9);
  ASSERT_EQ(reached.size(), 2U);
  const auto partial = stretch_points(g, pointers, reached[1]);
  ASSERT_EQ(partial.size(), 2U);
  EXPECT_NEAR(partial.back().x, 1000.0, 1e-9);
  EXPECT_NEAR(partial.back().y, 500.0, 1e-9);
  // 3 minutes = 180 s: 800 m along B–C, round the bend: (1000, 600) then 200 m east.
  const auto further = service_area(g, node_at(g, 0, 0), 3.0);
  const auto round_bend = stretch_points(g, pointers, further[1]);
  ASSERT_EQ(round_bend.size(), 3U);
  EXPECT_NEAR(round_bend.back().x, 1200.0, 1e-9);
  EXPECT_NEAR(round_bend.back().y, 600.0, 1e-9);
  // From C going back: the one-way D → B is never reached against its direction.
  const auto back = service_area(g, node_at(g, 1400, 600), 10.0);
  for (const auto& s : back) EXPECT_NE(g.edge(s.edge).road_index, 2U);
}

}  // namespace
}  // namespace cx::network

namespace cx::network {
namespace {

TEST_F(GraphTest, ServiceAreasForSeveralBreaksMatchAnUnboundedSearchPerBreak) {
  // A 6 x 6 grid, 300 m blocks, speeds varying by row, every third link one-way: the bounded
  // search for all breaks at once must reach exactly what a full search from the same source
  // reaches within each break (times of link ends from quickest_paths, shares by hand).
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 5; ++j) {
      const std::string y = std::to_string(300 * i), x0 = std::to_string(300 * j), x1 = std::to_string(300 * (j + 1));
      add(("LINESTRING (" + x0 + " " + y + ", " + x1 + " " + y + ")").c_str(), 20.0 + 5.0 * i,
          (i + j) % 3 == 0 ? roads::Oneway::Forward : roads::Oneway::Both);
      add(("LINESTRING (" + y + " " + x0 + ", " + y + " " + x1 + ")").c_str(), 30.0, roads::Oneway::Both);
    }
  }
  const RoadGraph g = build();
  const NodeId source = node_at(g, 600, 900);
  const double breaks[] = {1.0, 2.5, 4.0};
  const auto areas = service_areas(g, source, breaks);
  const auto cost = quickest_paths(g, source);
  ASSERT_EQ(areas.size(), 3U);
  for (std::size_t b = 0; b < 3; ++b) {
    const double budget = breaks[b] * 60.0;
    double expected_m = 0.0;
    for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
      const Edge& e = g.edge(EdgeId(i));
      const auto share = [&](NodeId end, bool allowed) {
        const double at = cost[end.value()].time_s;
        return allowed && at <= budget ? std::min(1.0, (budget - at) / e.time_s) : 0.0;
      };
      expected_m += std::min(1.0, share(e.from, e.forward) + share(e.to, e.backward)) * e.length_m;
    }
    double reached_m = 0.0;
    for (const auto& s : areas[b]) reached_m += s.to_m - s.from_m;
    EXPECT_GT(reached_m, 0.0);
    EXPECT_NEAR(reached_m, expected_m, 1e-6) << "break " << breaks[b];
    const auto alone = service_area(g, source, breaks[b]);
    ASSERT_EQ(alone.size(), areas[b].size());
  }
}

}  // namespace
}  // namespace cx::network
