#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <random>

#include "cx/network/betweenness.hpp"

namespace cx::network {
namespace {

struct Link {
  std::uint32_t from, to;
  double time_s;
  bool both_ways = true;
};

RoadGraph graph_of(std::size_t nodes, const std::vector<Link>& links) {
  std::vector<Node> ns;
  for (std::size_t i = 0; i < nodes; ++i) ns.push_back(Node{.xy = {static_cast<double>(i), 0.0}, .z_level = 0});
  std::vector<Edge> es;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const auto& l = links[i];
    es.push_back(Edge{.from = NodeId(l.from), .to = NodeId(l.to), .road_index = i, .part = 0,
                      .length_m = l.time_s, .time_s = l.time_s, .forward = true,
                      .backward = l.both_ways});
  }
  return RoadGraph(std::move(ns), std::move(es));
}

// The second method: Floyd–Warshall for the quickest times, then every quickest path between
// every ordered pair enumerated one by one; each pair's σ paths give 1/σ to every link on them
// and to every junction inside them. Integer travel times, so sums of times compare exactly.
Betweenness brute_force(const RoadGraph& g) {
  const std::size_t n = g.node_count();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> d(n, std::vector<double>(n, inf));
  for (std::uint32_t v = 0; v < n; ++v) {
    d[v][v] = 0.0;
    for (const Arc& a : g.out_arcs(NodeId(v))) d[v][a.head.value()] = std::min(d[v][a.head.value()], a.time_s);
  }
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
  Betweenness out;
  out.node.assign(n, 0.0);
  out.edge.assign(g.edge_count(), 0.0);
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t t = 0; t < n; ++t) {
      if (s == t || d[s][t] == inf) continue;
      std::vector<std::vector<std::uint32_t>> paths_nodes, paths_edges;
      std::vector<std::uint32_t> nodes, edges;
      std::function<void(std::uint32_t)> walk = [&](std::uint32_t u) {
        if (u == t) {
          paths_nodes.push_back(nodes);
          paths_edges.push_back(edges);
          return;
        }
        for (const Arc& a : g.out_arcs(NodeId(u))) {
          const std::uint32_t w = a.head.value();
          if (d[s][u] + a.time_s != d[s][w] || d[s][w] + d[w][t] != d[s][t]) continue;
          edges.push_back(a.edge.value());
          if (w != t) nodes.push_back(w);
          walk(w);
          if (w != t) nodes.pop_back();
          edges.pop_back();
        }
      };
      walk(s);
      const double share = 1.0 / static_cast<double>(paths_nodes.size());
      for (std::size_t p = 0; p < paths_nodes.size(); ++p) {
        for (const auto v : paths_nodes[p]) out.node[v] += share;
        for (const auto e : paths_edges[p]) out.edge[e] += share;
      }
    }
  }
  return out;
}

void expect_equal(const Betweenness& a, const Betweenness& b) {
  ASSERT_EQ(a.node.size(), b.node.size());
  ASSERT_EQ(a.edge.size(), b.edge.size());
  for (std::size_t i = 0; i < a.node.size(); ++i) EXPECT_NEAR(a.node[i], b.node[i], 1e-9) << "node " << i;
  for (std::size_t i = 0; i < a.edge.size(); ++i) EXPECT_NEAR(a.edge[i], b.edge[i], 1e-9) << "edge " << i;
}

TEST(Betweenness, AGridWithManyEquallyQuickPathsMatchesPathCounting) {
  // 4 × 4 junctions, every link 1 s: between opposite corners there are 20 quickest paths.
  std::vector<Link> links;
  for (std::uint32_t r = 0; r < 4; ++r) {
    for (std::uint32_t c = 0; c < 4; ++c) {
      if (c < 3) links.push_back({r * 4 + c, r * 4 + c + 1, 1.0});
      if (r < 3) links.push_back({r * 4 + c, (r + 1) * 4 + c, 1.0});
    }
  }
  const RoadGraph g = graph_of(16, links);
  const Betweenness b = betweenness(g);
  EXPECT_FALSE(b.sampled);
  EXPECT_EQ(b.sources, 16U);
  expect_equal(b, brute_force(g));
}

// Random graphs with one-way and parallel links; `time` draws each link's travel time.
void expect_random_graphs_match_path_counting(std::mt19937& random,
                                              const std::function<double(std::mt19937&)>& time) {
  for (int trial = 0; trial < 25; ++trial) {
    const auto n = static_cast<std::uint32_t>(5 + random() % 9);
    std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
    std::vector<Link> links;
    for (std::uint32_t i = 0; i + 1 < n; ++i) links.push_back({i, i + 1, time(random)});
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t a = node(random), b = node(random);
      if (a == b) continue;
      links.push_back({a, b, time(random), random() % 3 != 0});  // a third one-way
    }
    links.push_back(links.front());  // a parallel link, as a dual carriageway
    const RoadGraph g = graph_of(n, links);
    expect_equal(betweenness(g), brute_force(g));
  }
}

TEST(Betweenness, OneWayLinksParallelLinksAndUnevenTimesMatchPathCounting) {
  std::mt19937 random(5);
  std::uniform_int_distribution<int> seconds(1, 4);
  expect_random_graphs_match_path_counting(random, [&](std::mt19937& r) { return double(seconds(r)); });
}

// Links of 1/8 to 1/2 s beside links of 1 to 4 s, and some of 4096 s, which make each of the
// search's few thousand buckets of time about a second wide: the nodes that the quicker links
// lead to are ordered within their bucket.
TEST(Betweenness, LinksShorterThanABucketMatchPathCounting) {
  std::mt19937 random(6);
  std::uniform_int_distribution<int> seconds(1, 4);
  expect_random_graphs_match_path_counting(random, [&](std::mt19937& r) {
    const auto kind = r() % 16;
    return kind == 0 ? 4096.0 : kind < 5 ? seconds(r) / 8.0 : double(seconds(r));
  });
}

// Two ways from s to t, as quick as each other, whose times add up differently in binary:
// 0.1 + 0.2 s is 0.30000000000000004, the direct link 0.3 s. Both are quickest paths, as with
// times of 1, 2 and 3 s (counted exactly by the second method).
TEST(Betweenness, PathsEquallyQuickButForRoundingShareTheirPairs) {
  const RoadGraph rounded = graph_of(3, {{0, 1, 0.1}, {1, 2, 0.2}, {0, 2, 0.3}});
  const RoadGraph exact = graph_of(3, {{0, 1, 1.0}, {1, 2, 2.0}, {0, 2, 3.0}});
  ASSERT_NE(0.1 + 0.2, 0.3);
  const Betweenness b = betweenness(rounded);
  expect_equal(b, brute_force(exact));
  EXPECT_NEAR(b.node[1], 1.0, 1e-12);  // half of s → t and half of t → s
}

TEST(Betweenness, SampledBetweennessIsRepeatableAndIndependentOfThreads) {
  std::vector<Link> links;
  for (std::uint32_t r = 0; r < 20; ++r) {
    for (std::uint32_t c = 0; c < 20; ++c) {
      if (c < 19) links.push_back({r * 20 + c, r * 20 + c + 1, 1.0 + static_cast<double>((r * 7 + c) % 5)});
      if (r < 19) links.push_back({r * 20 + c, (r + 1) * 20 + c, 1.0 + static_cast<double>((c * 3 + r) % 4)});
    }
  }
  const RoadGraph g = graph_of(400, links);
  const BetweennessOptions one{.max_exact_nodes = 100, .sample_sources = 70, .seed = 3, .threads = 1};
  BetweennessOptions four = one;
  four.threads = 4;
  const Betweenness a = betweenness(g, one);
  const Betweenness b = betweenness(g, four);
  EXPECT_TRUE(a.sampled);
  EXPECT_EQ(a.sources, 70U);
  EXPECT_EQ(a.node, b.node);  // bit for bit
  EXPECT_EQ(a.edge, b.edge);
  // Every source reaches all 399 others: the scaled sum over junctions estimates the exact one.
  const Betweenness exact = betweenness(g, {.max_exact_nodes = 1000, .sample_sources = 0, .seed = 0, .threads = 0});
  double sampled_sum = 0.0, exact_sum = 0.0;
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    sampled_sum += a.node[i];
    exact_sum += exact.node[i];
  }
  EXPECT_NEAR(sampled_sum / exact_sum, 1.0, 0.1);
}

}  // namespace
}  // namespace cx::network
