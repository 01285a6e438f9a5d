#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>

#include "cx/network/components.hpp"
#include "cx/network/structure.hpp"

namespace cx::network {
namespace {

// A graph from (from, to) node pairs; node i sits at (i, 0) (positions do not matter here).
RoadGraph graph_of(std::size_t nodes, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  std::vector<Node> ns;
  for (std::size_t i = 0; i < nodes; ++i) ns.push_back(Node{.xy = {static_cast<double>(i), 0.0}, .z_level = 0});
  std::vector<Edge> es;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    es.push_back(Edge{.from = NodeId(pairs[i].first), .to = NodeId(pairs[i].second), .road_index = i,
                      .part = 0, .length_m = 1.0, .time_s = 1.0, .forward = true, .backward = true});
  }
  return RoadGraph(std::move(ns), std::move(es));
}

std::vector<std::uint32_t> values(const std::vector<EdgeId>& ids) {
  std::vector<std::uint32_t> out;
  for (const auto id : ids) out.push_back(id.value());
  return out;
}
std::vector<std::uint32_t> values(const std::vector<NodeId>& ids) {
  std::vector<std::uint32_t> out;
  for (const auto id : ids) out.push_back(id.value());
  return out;
}

TEST(Structure, PathTriangleAndTwoTrianglesJoinedByOneLink) {
  // 0 - 1 - 2: both links are bridges, the middle junction is a cut vertex.
  const auto path = cut_elements(graph_of(3, {{0, 1}, {1, 2}}));
  EXPECT_EQ(values(path.bridges), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(values(path.articulation_points), (std::vector<std::uint32_t>{1}));
  // A triangle: a cycle, nothing is critical.
  const auto triangle = cut_elements(graph_of(3, {{0, 1}, {1, 2}, {2, 0}}));
  EXPECT_TRUE(triangle.bridges.empty());
  EXPECT_TRUE(triangle.articulation_points.empty());
  // Triangles 0-1-2 and 3-4-5 joined by link 2-3 (edge 6): that link, and its two ends.
  const auto barbell =
      cut_elements(graph_of(6, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}, {2, 3}}));
  EXPECT_EQ(values(barbell.bridges), (std::vector<std::uint32_t>{6}));
  EXPECT_EQ(values(barbell.articulation_points), (std::vector<std::uint32_t>{2, 3}));
}

TEST(Structure, ParallelLinksAndLoopsAreNeverBridges) {
  // Two carriageways between 0 and 1, a loop at 1, and a spur 1 - 2.
  const auto cut = cut_elements(graph_of(3, {{0, 1}, {1, 0}, {1, 1}, {1, 2}}));
  EXPECT_EQ(values(cut.bridges), (std::vector<std::uint32_t>{3}));
  EXPECT_EQ(values(cut.articulation_points), (std::vector<std::uint32_t>{1}));
}

// The second method: remove each link (each junction) in turn and count components.
std::size_t components_without(std::size_t nodes,
                               const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                               std::optional<std::size_t> skip_edge, std::optional<std::uint32_t> skip_node) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> kept;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (skip_edge == i) continue;
    if (skip_node && (pairs[i].first == *skip_node || pairs[i].second == *skip_node)) continue;
    kept.push_back(pairs[i]);
  }
  const auto c = connected_components(graph_of(nodes, kept));
  return c.count() - (skip_node ? 1 : 0);  // the removed junction stands alone
}

TEST(Structure, AgreesWithRemovingEachLinkAndJunctionOnRandomGraphs) {
  std::mt19937 random(11);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t nodes = 4 + random() % 20;
    std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(nodes - 1));
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    const std::size_t links = nodes - 2 + random() % nodes;  // sparse, like streets: many bridges
    for (std::size_t i = 0; i < links; ++i) pairs.emplace_back(pick(random), pick(random));
    const auto cut = cut_elements(graph_of(nodes, pairs));
    const std::size_t base = components_without(nodes, pairs, std::nullopt, std::nullopt);
    std::set<std::uint32_t> bridges, points;
    for (std::size_t e = 0; e < pairs.size(); ++e) {
      if (components_without(nodes, pairs, e, std::nullopt) > base) bridges.insert(static_cast<std::uint32_t>(e));
    }
    for (std::uint32_t v = 0; v < nodes; ++v) {
      if (components_without(nodes, pairs, std::nullopt, v) > base) points.insert(v);
    }
    EXPECT_EQ(values(cut.bridges), std::vector<std::uint32_t>(bridges.begin(), bridges.end())) << trial;
    EXPECT_EQ(values(cut.articulation_points), std::vector<std::uint32_t>(points.begin(), points.end()))
        << trial;
  }
}

TEST(Structure, KanskyIndicesOfATriangleAndAGrid) {
  const auto triangle = graph_of(3, {{0, 1}, {1, 2}, {2, 0}});
  const auto k = kansky_indices(triangle, connected_components(triangle));
  EXPECT_DOUBLE_EQ(k.cyclomatic, 1.0);  // 3 − 3 + 1
  EXPECT_DOUBLE_EQ(*k.alpha, 1.0);      // 1 / (6 − 5)
  EXPECT_DOUBLE_EQ(*k.beta, 1.0);       // 3 / 3
  EXPECT_DOUBLE_EQ(*k.gamma, 1.0);      // 3 / (3 × 1)
  // A 3 × 3 grid of junctions: 12 links, 4 blocks.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> grid;
  for (std::uint32_t r = 0; r < 3; ++r) {
    for (std::uint32_t c = 0; c < 3; ++c) {
      if (c < 2) grid.emplace_back(r * 3 + c, r * 3 + c + 1);
      if (r < 2) grid.emplace_back(r * 3 + c, (r + 1) * 3 + c);
    }
  }
  const auto g = graph_of(9, grid);
  const auto kg = kansky_indices(g, connected_components(g));
  EXPECT_EQ(kg.edges, 12U);
  EXPECT_DOUBLE_EQ(kg.cyclomatic, 4.0);
  EXPECT_DOUBLE_EQ(*kg.alpha, 4.0 / 13.0);
  EXPECT_DOUBLE_EQ(*kg.beta, 12.0 / 9.0);
  EXPECT_DOUBLE_EQ(*kg.gamma, 12.0 / 21.0);
  // Too small for α and γ.
  const auto pair = graph_of(2, {{0, 1}});
  const auto kp = kansky_indices(pair, connected_components(pair));
  EXPECT_FALSE(kp.alpha.has_value());
  EXPECT_DOUBLE_EQ(*kp.beta, 0.5);
}

}  // namespace
}  // namespace cx::network
