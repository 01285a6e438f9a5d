// The connectivity issue's four timed steps on a synthetic city's roads, with Google Benchmark:
// graph build (endpoints noding), connected components, the OD matrix between 200 junctions
// drawn with a fixed seed, and edge and node betweenness from 100 sampled sources. Roads are
// read once, before timing, at one speed (36 km/h), so travel time is length / 10 m/s, as in
// tests/bench/igraph_network.py.
//
//   network_steps CITY.gpkg [--benchmark_repetitions=5 ...]
//
// Run by tests/bench/run_network.sh, which also times igraph on the same graph.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>

#include "cx/core/diagnostics.hpp"
#include "cx/geom/geos_context.hpp"
#include "cx/network/betweenness.hpp"
#include "cx/network/components.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/network/zone_travel.hpp"
#include "cx/roads/road_layer.hpp"

namespace {

struct City {
  cx::geom::GeosContext ctx;
  std::vector<cx::roads::Road> roads;
  std::vector<const cx::roads::Road*> lines;
  cx::network::RoadGraph graph;
  std::vector<cx::network::ZoneSnap> zones;
};

City* city = nullptr;

constexpr std::size_t zone_count = 200;
constexpr std::uint64_t seed = 20261125;

cx::network::RoadGraph build(const City& c) {
  cx::Diagnostics diagnostics;
  return cx::network::build_graph(c.lines, {.snap_tolerance_m = 1.0}, diagnostics);
}

// 200 junctions drawn as crossaxis network draws its default zones (partial Fisher–Yates).
std::vector<cx::network::ZoneSnap> sample_zones(const cx::network::RoadGraph& graph) {
  std::vector<std::uint32_t> ids(graph.node_count());
  for (std::uint32_t i = 0; i < ids.size(); ++i) ids[i] = i;
  std::mt19937_64 random(seed);
  for (std::size_t i = 0; i < zone_count && i < ids.size(); ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, ids.size() - 1);
    std::swap(ids[i], ids[pick(random)]);
  }
  std::vector<cx::network::ZoneSnap> out;
  for (std::size_t i = 0; i < zone_count && i < ids.size(); ++i) {
    out.push_back({cx::network::NodeId(ids[i]), 0.0});
  }
  return out;
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
  city->zones = sample_zones(city->graph);
  std::printf("%zu road lines, %zu junctions, %zu links\n", city->lines.size(),
              city->graph.node_count(), city->graph.edge_count());
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

void betweenness_100(benchmark::State& state) {
  const cx::network::BetweennessOptions options{.max_exact_nodes = 0, .sample_sources = 100, .seed = seed};
  for (auto _ : state) benchmark::DoNotOptimize(cx::network::betweenness(city->graph, options));
}

// The four in a row, as the target counts them.
void all_four(benchmark::State& state) {
  const cx::network::BetweennessOptions options{.max_exact_nodes = 0, .sample_sources = 100, .seed = seed};
  for (auto _ : state) {
    const auto graph = build(*city);
    benchmark::DoNotOptimize(cx::network::connected_components(graph));
    benchmark::DoNotOptimize(cx::network::od_matrix(graph, sample_zones(graph)));
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
                                 {"od_matrix_200_one_thread", &od_matrix_200_one_thread}, {"betweenness_100", &betweenness_100},
                                 {"all_four", &all_four}}) {
    benchmark::RegisterBenchmark(name, fn)->Unit(benchmark::kMillisecond)->UseRealTime();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  delete city;
  return 0;
}
