#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "cx/network/nearest_zone.hpp"
#include "cx/network/quickest_search.hpp"
#include "cx/network/shortest_paths.hpp"
#include "cx/network/zone_travel.hpp"

namespace cx::network {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

struct Link {
  std::uint32_t from, to;
  double time_s, length_m;
  bool forward, backward;
};

RoadGraph graph_of(std::size_t nodes, const std::vector<Link>& links) {
  std::vector<Node> ns(nodes);
  std::vector<Edge> es;
  for (std::size_t i = 0; i < links.size(); ++i) {
    const Link& l = links[i];
    es.push_back(Edge{.from = NodeId(l.from), .to = NodeId(l.to), .road_index = i, .part = 0,
                      .length_m = l.length_m, .time_s = l.time_s, .forward = l.forward,
                      .backward = l.backward});
  }
  return RoadGraph(std::move(ns), std::move(es));
}

// Quickest (then shortest) costs between all pairs by Floyd–Warshall on (time, length) pairs
// compared lexicographically: a method sharing nothing with Dijkstra.
std::vector<std::vector<std::pair<double, double>>> all_pairs(std::size_t n, const std::vector<Link>& links) {
  std::vector<std::vector<std::pair<double, double>>> d(n, std::vector(n, std::pair{infinity, infinity}));
  for (std::size_t i = 0; i < n; ++i) d[i][i] = {0.0, 0.0};
  for (const Link& l : links) {
    const std::pair cost{l.time_s, l.length_m};
    if (l.forward) d[l.from][l.to] = std::min(d[l.from][l.to], cost);
    if (l.backward) d[l.to][l.from] = std::min(d[l.to][l.from], cost);
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        const std::pair through{d[i][k].first + d[k][j].first, d[i][k].second + d[k][j].second};
        d[i][j] = std::min(d[i][j], through);
      }
    }
  }
  return d;
}

// Random street-like graphs: one-way links, parallel links, links of equal time but different
// length (so the length tie-break matters), and unreachable parts.
std::vector<Link> random_links(std::mt19937& random, std::size_t nodes) {
  std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(nodes - 1));
  std::uniform_int_distribution<int> small(1, 4);  // few distinct times: many ties
  std::vector<Link> links;
  const std::size_t count = nodes + random() % (2 * nodes);
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t a = pick(random), b = pick(random);
    if (a == b) continue;
    const double time_s = small(random);
    const double length_m = time_s * 10.0 + small(random);
    const int direction = static_cast<int>(random() % 4);  // 0, 1 both ways; 2 forward; 3 backward
    links.push_back(Link{a, b, time_s, length_m, direction != 3, direction != 2});
  }
  return links;
}

// A random graph of `min_nodes` to `min_nodes` + 39 junctions, its Floyd–Warshall costs, and
// zones on junctions 1 to `max_gap` apart.
struct RandomCase {
  RoadGraph graph;
  std::vector<std::vector<std::pair<double, double>>> expected;
  std::vector<ZoneSnap> zones;
};
RandomCase random_case(std::mt19937& random, std::size_t min_nodes, std::uint32_t max_gap) {
  const std::size_t n = min_nodes + random() % 40;
  const auto links = random_links(random, n);
  RandomCase out{graph_of(n, links), all_pairs(n, links), {}};
  for (std::uint32_t v = 0; v < n; v += 1 + static_cast<std::uint32_t>(random() % max_gap)) {
    out.zones.push_back({NodeId(v), 0.0});
  }
  return out;
}

TEST(QuickestSearch, AgreesWithFloydWarshallOnRandomGraphs) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 2 + random() % 30;
    const auto links = random_links(random, n);
    const RoadGraph graph = graph_of(n, links);
    const auto expected = all_pairs(n, links);
    QuickestSearch search(graph);  // one search object reused for every source
    for (std::uint32_t s = 0; s < n; ++s) {
      search.run(NodeId(s));
      for (std::uint32_t t = 0; t < n; ++t) {
        EXPECT_EQ(search.time_s(t), expected[s][t].first) << trial << ": " << s << " -> " << t;
        EXPECT_EQ(search.length_m(t), expected[s][t].second) << trial << ": " << s << " -> " << t;
        // The arriving edge lies on such a path: its tail's cost plus the edge gives the node's.
        const EdgeId via = search.via(t);
        if (!via.valid()) {
          EXPECT_TRUE(t == s || expected[s][t].first == infinity);
          continue;
        }
        const Edge& e = graph.edge(via);
        const std::uint32_t tail = e.to.value() == t ? e.from.value() : e.to.value();
        EXPECT_EQ(search.time_s(tail) + e.time_s, search.time_s(t));
        EXPECT_EQ(search.length_m(tail) + e.length_m, search.length_m(t));
      }
    }
  }
}

// The graphs above have arc times of 1 to 4 s, so every node is settled straight from its
// bucket of time. Here one link in four takes k/4096 s (0 < k < 4096; exact in binary, so sums
// are too), and every other graph has a link of 4096 s, which makes each of the search's few
// thousand buckets about a second wide: many links are shorter than a bucket, and the nodes
// they lead to are ordered by the heap within their bucket. Full searches, searches to targets
// and searches within a time limit all give Floyd–Warshall's costs, and every node is settled
// after the tail of the edge it is reached by.
TEST(QuickestSearch, AgreesWithFloydWarshallWithLinksShorterThanABucket) {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> parts(1, 4095);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 70 + random() % 60;
    auto links = random_links(random, n);
    for (auto& link : links) {
      if (random() % 4 != 0) continue;
      link.time_s = parts(random) / 4096.0;
      link.length_m = link.time_s * 10.0 + 1.0;
    }
    if (trial % 2 == 0) links.push_back(Link{0, 1, 4096.0, 40960.0, true, true});
    const RoadGraph graph = graph_of(n, links);
    const auto expected = all_pairs(n, links);
    QuickestSearch search(graph);
    for (std::uint32_t s = 0; s < n; ++s) {
      search.run(NodeId(s));
      std::vector<char> settled(n, 0);
      for (const std::uint32_t v : search.settled()) {
        const EdgeId via = search.via(v);
        if (via.valid()) {
          EXPECT_TRUE(settled[graph.edge(via).other_end(NodeId(v)).value()]) << trial << ": " << v;
        }
        settled[v] = 1;
      }
      for (std::uint32_t t = 0; t < n; ++t) {
        EXPECT_EQ(search.time_s(t), expected[s][t].first) << trial << ": " << s << " -> " << t;
        EXPECT_EQ(search.length_m(t), expected[s][t].second) << trial << ": " << s << " -> " << t;
      }
      const double limit = 2.5;
      search.run(NodeId(s), {}, limit);
      for (std::uint32_t t = 0; t < n; ++t) {
        const double want = expected[s][t].first <= limit ? expected[s][t].first : infinity;
        EXPECT_EQ(search.time_s(t), want) << trial << ": " << s << " -> " << t << " within " << limit;
      }
      const std::vector<NodeId> targets{NodeId(static_cast<std::uint32_t>(n - 1)), NodeId(1)};
      search.run(NodeId(s), targets);
      for (const NodeId t : targets) {
        EXPECT_EQ(search.time_s(t.value()), expected[s][t.value()].first) << trial << ": " << s;
      }
    }
  }
}

// A node whose time is the limit exactly is within it, whatever rounding does to the bucket it
// falls in. The buckets here are a / 1.001 s wide (a, the quickest arc); node 2's time t was
// chosen so that t divided by that width rounds up to 3000 exactly, while 3000 widths come to
// a little more than t: a search that compared the bucket's start with the limit stopped short.
TEST(QuickestSearch, ANodeAtExactlyTheTimeLimitIsSettled) {
  const double a = 5.446849960706559, b = 16318.778806502507;
  const RoadGraph graph = graph_of(3, {Link{0, 1, a, 1.0, true, true}, Link{1, 2, b, 1.0, true, true}});
  const double t = a + b;
  const double width = a / 1.001;
  ASSERT_EQ(t / width, 3000.0);
  ASSERT_GT(3000.0 * width, t);
  QuickestSearch search(graph);
  search.run(NodeId(0), {}, t);
  EXPECT_EQ(search.time_s(2), t);
  search.run(NodeId(0), {}, std::nextafter(t, 0.0));
  EXPECT_EQ(search.time_s(2), infinity);
  EXPECT_EQ(search.time_s(1), a);
}

TEST(QuickestSearch, StoppingAtTheTargetsGivesTheirFullSearchCosts) {
  std::mt19937 random(8);
  for (int trial = 0; trial < 40; ++trial) {
    const auto [graph, expected, zones] = random_case(random, 5, 4);
    const OdMatrix od = od_matrix(graph, zones, 2);
    for (std::size_t i = 0; i < zones.size(); ++i) {
      for (std::size_t j = 0; j < zones.size(); ++j) {
        if (i == j) continue;
        const auto& want = expected[zones[i].node.value()][zones[j].node.value()];
        EXPECT_EQ(od.at(i, j).time_s, want.first) << trial;
        EXPECT_EQ(od.at(i, j).length_m, want.second) << trial;
      }
    }
  }
}

// One search from all zones against the minimum, junction by junction, of Floyd–Warshall's
// costs from each zone: the quickest time (then the shortest length) and a zone that has it.
TEST(NearestZones, AgreeWithTheMinimumOverEveryZonesOwnCosts) {
  std::mt19937 random(9);
  for (int trial = 0; trial < 60; ++trial) {
    auto [graph, expected, zones] = random_case(random, 3, 5);
    const std::size_t n = graph.node_count();
    zones.push_back({NodeId::invalid(), 5000.0});  // too far from the network: takes no part
    zones.push_back(zones.front());                // a second zone on the first one's junction
    const auto nearest = nearest_zones(graph, zones);
    ASSERT_EQ(nearest.size(), n);
    for (std::uint32_t v = 0; v < n; ++v) {
      std::pair best{infinity, infinity};
      for (const auto& z : zones) {
        if (z.snapped()) best = std::min(best, expected[z.node.value()][v]);
      }
      EXPECT_EQ(nearest[v].time_s, best.first) << trial << ": " << v;
      EXPECT_EQ(nearest[v].length_m, best.second) << trial << ": " << v;
      if (best.first == infinity) {
        EXPECT_FALSE(nearest[v].reached()) << trial << ": " << v;
        continue;
      }
      ASSERT_TRUE(nearest[v].reached()) << trial << ": " << v;
      ASSERT_LT(nearest[v].zone, zones.size() - 2) << "the unsnapped zone or the duplicate";
      EXPECT_EQ(expected[zones[nearest[v].zone].node.value()][v], best) << trial << ": " << v;
    }
    EXPECT_EQ(nearest[zones.front().node.value()].zone, 0U);
  }
}

TEST(QuickestSearch, CountsEveryEquallyQuickPath) {
  // A 3 × 3 grid of unit links: 6 quickest paths from one corner to the other, 3 to the centre.
  std::vector<Link> links;
  const auto at = [](std::uint32_t x, std::uint32_t y) { return y * 3 + x; };
  for (std::uint32_t y = 0; y < 3; ++y) {
    for (std::uint32_t x = 0; x < 3; ++x) {
      if (x + 1 < 3) links.push_back({at(x, y), at(x + 1, y), 1.0, 1.0, true, true});
      if (y + 1 < 3) links.push_back({at(x, y), at(x, y + 1), 1.0, 1.0, true, true});
    }
  }
  const RoadGraph graph = graph_of(9, links);
  QuickestSearch search(graph);
  search.run(NodeId(at(0, 0)));
  EXPECT_EQ(search.paths(at(2, 2)), 6.0);
  EXPECT_EQ(search.paths(at(1, 1)), 2.0);
  EXPECT_EQ(search.paths(at(2, 1)), 3.0);
  EXPECT_EQ(search.paths(at(0, 0)), 1.0);
  ASSERT_EQ(search.settled().size(), 9U);
  for (std::size_t i = 1; i < search.settled().size(); ++i) {
    EXPECT_LE(search.time_s(search.settled()[i - 1]), search.time_s(search.settled()[i]));
  }
}

}  // namespace
}  // namespace cx::network
