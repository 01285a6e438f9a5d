// The connectivity workload on a synthetic city's roads, with Google Benchmark: graph build
// (endpoints noding), connected components, the OD matrix between 200 zones, the nearest zone
// of every junction (costs from all 200 at once), and edge and node betweenness from 100
// sampled sources. Roads are read once, before timing, at one speed (36 km/h), so travel time
// is length / 10 m/s, as in tests/bench/igraph_network.py. The zones are the junctions where
// road lines 0, n/200, 2n/200, ... start, so igraph takes the same ones, and both print the
// sums of their OD lengths and nearest-zone lengths for the driver to compare.
//
//   network_steps CITY.gpkg [--benchmark_repetitions=5 ...]
//
// Run by tests/bench/run_network.sh, which also times igraph on the same graph.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "cx/core/diagnostics.hpp"
#include "cx/geom/geos_context.hpp"
#include "cx/network/betweenness.hpp"
#include "cx/network/components.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/network/nearest_zone.hpp"
#include "cx/network/zone_travel.hpp"
#include "cx/roads/road_layer.hpp"

namespace {

struct City {
  cx::geom::GeosContext ctx;
  std::vector<cx::roads::Road> roads;
  std::vector<const cx::roads::Road*> lines;
  cx::network::RoadGraph graph;
  cx::network::RoadGraph with_short_links;  ///< see with_short_dead_ends()
  std::vector<cx::network::ZoneSnap> zones;
};

City* city = nullptr;

constexpr std::size_t zone_count = 200;
constexpr std::uint64_t seed = 20261125;

cx::network::RoadGraph build(const City& c) {
  cx::Diagnostics diagnostics;
  return cx::network::build_graph(c.lines, {.snap_tolerance_m = 1.0}, diagnostics);
}

// 200 distinct junctions: where road lines 0, n/200, 2n/200, ... start, or, when that junction
// is taken, the next line's (found by position: the zone snapping of `crossaxis network`, at
// distance 0). tests/bench/igraph_network.py takes the same ones.
std::vector<cx::network::ZoneSnap> line_start_zones(const City& c, const cx::network::RoadGraph& graph) {
  const auto start_of = [&](std::size_t line) {
    cx::zones::Zone zone;
    zone.location = c.lines[line]->geometry.part_points(0).front();
    return cx::network::snap_zones(graph, {zone}, 0.0).front();
  };
  std::vector<cx::network::ZoneSnap> out;
  std::vector<char> taken(graph.node_count(), 0);
  for (std::size_t i = 0; i < zone_count; ++i) {
    for (std::size_t line = i * c.lines.size() / zone_count; line < c.lines.size(); ++line) {
      const auto snap = start_of(line);
      if (taken[snap.node.value()]) continue;
      taken[snap.node.value()] = 1;
      out.push_back(snap);
      break;
    }
  }
  return out;
}

// The graph with a 0.1 m dead end at every 100th junction: real networks (OpenStreetMap ways
// noded where they meet, slip roads, survey slivers) have links of a few decimetres beside
// links of a kilometre, which the synthetic city does not. The dead ends change no quickest
// path between the other junctions, so the OD matrix is the same; they only make the quickest
// arc a thousand times quicker than the others.
cx::network::RoadGraph with_short_dead_ends(const cx::network::RoadGraph& graph) {
  std::vector<cx::network::Node> nodes = graph.nodes();
  std::vector<cx::network::Edge> edges = graph.edges();
  for (std::uint32_t n = 0; n < graph.node_count(); n += 100) {
    cx::network::Node end = nodes[n];
    end.xy.x += 0.1;
    nodes.push_back(end);
    cx::network::Edge link = edges.front();
    link.from = cx::network::NodeId(n);
    link.to = cx::network::NodeId(static_cast<std::uint32_t>(nodes.size() - 1));
    link.length_m = 0.1;
    link.time_s = 0.01;
    link.forward = link.backward = true;
    edges.push_back(link);
  }
  return {std::move(nodes), std::move(edges)};
}

double od_length_sum(const cx::network::RoadGraph& graph, const std::vector<cx::network::ZoneSnap>& zones) {
  double sum = 0.0;
  for (const auto& cost : cx::network::od_matrix(graph, zones).cost) sum += cost.reachable() ? cost.length_m : 0.0;
  return sum;
}

void load(const std::string& path) {
  city = new City;
  cx::Diagnostics diagnostics;
  cx::schema::LayerSource source{.path = path, .layer = "roads"};
  source.constants["speed_kmh"] = "36";
  auto layer = cx::schema::load_layer(source, cx::roads::road_schema(),
                                      {.working_crs = cx::crs::Crs::from_user_input("EPSG:4547")},
                                      city->ctx, diagnostics);
  city->roads = cx::roads::to_roads(std::move(layer), diagnostics);
  for (const auto& r : city->roads) city->lines.push_back(&r);
  city->graph = build(*city);
  city->zones = line_start_zones(*city, city->graph);
  const auto again = build(*city);
  bool same = again.node_count() == city->graph.node_count();
  for (std::uint32_t n = 0; same && n < again.node_count(); ++n) {
    same = again.node(cx::network::NodeId(n)).xy == city->graph.node(cx::network::NodeId(n)).xy;
  }
  if (!same) {
    std::fprintf(stderr, "the graph build is not deterministic\n");
    std::exit(1);
  }
  std::printf("%zu road lines, %zu junctions, %zu links\n", city->lines.size(),
              city->graph.node_count(), city->graph.edge_count());
  // Checksums: the lengths of all 200 x 199 quickest paths, and of every junction's path from
  // its nearest zone (one speed: quickest is shortest).
  const double od_sum = od_length_sum(city->graph, city->zones);
  double nearest_sum = 0.0;
  for (const auto& n : cx::network::nearest_zones(city->graph, city->zones)) {
    if (n.reached()) nearest_sum += n.length_m;
  }
  std::printf("OD sum %.6f m, nearest-zone sum %.6f m\n", od_sum, nearest_sum);
  city->with_short_links = with_short_dead_ends(city->graph);
  if (od_length_sum(city->with_short_links, city->zones) != od_sum) {
    std::fprintf(stderr, "short dead ends changed the OD matrix\n");
    std::exit(1);
  }
}

void graph_build(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(build(*city));
}

void components(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::connected_components(city->graph));
}

void od_matrix_200(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::od_matrix(city->graph, city->zones));
}

void od_matrix_200_one_thread(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::od_matrix(city->graph, city->zones, 1));
}

void nearest_zones_200(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::nearest_zones(city->graph, city->zones));
}

void betweenness_100(benchmark::State& state) {
  const cx::network::BetweennessOptions options{.max_exact_nodes = 0, .sample_sources = 100, .seed = seed};
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::betweenness(city->graph, options));
}

// One thread: steadier than the figure above, for comparing changes to the search.
void betweenness_100_one_thread(benchmark::State& state) {
  const cx::network::BetweennessOptions options{
      .max_exact_nodes = 0, .sample_sources = 100, .seed = seed, .threads = 1};
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::betweenness(city->graph, options));
}

// The same two searches on the graph with short dead ends (see with_short_dead_ends).
void od_matrix_200_short_links(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::od_matrix(city->with_short_links, city->zones));
}

void betweenness_100_short_links_one_thread(benchmark::State& state) {
  const cx::network::BetweennessOptions options{
      .max_exact_nodes = 0, .sample_sources = 100, .seed = seed, .threads = 1};
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::betweenness(city->with_short_links, options));
}

// Every step in a row, as the performance target counts them.
void all_steps(benchmark::State& state) {
  const cx::network::BetweennessOptions options{.max_exact_nodes = 0, .sample_sources = 100, .seed = seed};
  for (auto _ : state) {
    const auto graph = build(*city);
    benchmark::DoNotOptimize(cx::network::connected_components(graph));
    // The zones as junction ids: the same graph is built every time (checked in load()).
    benchmark::DoNotOptimize(cx::network::od_matrix(graph, city->zones));
    benchmark::DoNotOptimize(cx::network::nearest_zones(graph, city->zones));
    benchmark::DoNotOptimize(cx::network::betweenness(graph, options));
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: network_steps CITY.gpkg [--benchmark_* options]\n");
    return 2;
  }
  load(argv[1]);
  // Wall time: the OD matrix and betweenness run on every core.
  for (const auto& [name, fn] : {std::pair{"graph_build", &graph_build}, {"components", &components},
                                 {"od_matrix_200", &od_matrix_200},
                                 {"od_matrix_200_one_thread", &od_matrix_200_one_thread},
                                 {"nearest_zones_200", &nearest_zones_200},
                                 {"betweenness_100", &betweenness_100},
                                 {"betweenness_100_one_thread", &betweenness_100_one_thread},
                                 {"od_matrix_200_short_links", &od_matrix_200_short_links},
                                 {"betweenness_100_short_links_one_thread",
                                  &betweenness_100_short_links_one_thread},
                                 {"all_steps", &all_steps}}) {
    benchmark::RegisterBenchmark(name, fn)->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete city;
  return 0;
}
