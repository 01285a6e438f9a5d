#include "cx/network/betweenness.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <numeric>
#include <queue>
#include <random>
#include <thread>

namespace cx::network {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

/// One source's single-source search and dependency accumulation (Brandes's algorithm 1 with
/// Dijkstra), reusing its arrays between sources.
class BrandesSearch {
public:
  explicit BrandesSearch(const RoadGraph& graph)
      : m_graph(graph), m_time(graph.node_count(), infinity), m_paths(graph.node_count(), 0.0),
        m_delta(graph.node_count(), 0.0), m_settled(graph.node_count(), 0),
        m_preds(graph.node_count()) {}

  /// Adds the dependencies of every node and edge on `source` to `node_sum` and `edge_sum`.
  void accumulate(std::uint32_t source, std::vector<double>& node_sum, std::vector<double>& edge_sum) {
    search(source);
    for (auto it = m_order.rbegin(); it != m_order.rend(); ++it) {
      const std::uint32_t w = *it;
      for (const auto& [v, edge] : m_preds[w]) {
        const double share = m_paths[v] / m_paths[w] * (1.0 + m_delta[w]);
        edge_sum[edge] += share;
        m_delta[v] += share;
      }
      if (w != source) node_sum[w] += m_delta[w];
    }
    reset();
  }

private:
  using Item = std::pair<double, std::uint32_t>;

  void search(std::uint32_t source) {
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    m_time[source] = 0.0;
    m_paths[source] = 1.0;
    queue.push({0.0, source});
    while (!queue.empty()) {
      const auto [t, v] = queue.top();
      queue.pop();
      if (t > m_time[v] || m_settled[v]) continue;  // a stale entry
      m_settled[v] = 1;
      m_order.push_back(v);
      for (const Arc& arc : m_graph.out_arcs(NodeId(v))) {
        const std::uint32_t w = arc.head.value();
        const double through = t + arc.time_s;
        if (through < m_time[w]) {
          m_time[w] = through;
          m_paths[w] = m_paths[v];
          m_preds[w].assign(1, {v, arc.edge.value()});
          queue.push({through, w});
        } else if (through == m_time[w] && !m_settled[w]) {  // (zero-time links: no cycles)
          m_paths[w] += m_paths[v];
          m_preds[w].push_back({v, arc.edge.value()});
        }
      }
    }
  }

  void reset() {
    for (const std::uint32_t v : m_order) {
      m_time[v] = infinity;
      m_paths[v] = 0.0;
      m_delta[v] = 0.0;
      m_settled[v] = 0;
      m_preds[v].clear();
    }
    m_order.clear();
  }

  const RoadGraph& m_graph;
  std::vector<double> m_time;
  std::vector<double> m_paths;  // number of quickest paths from the source (σ)
  std::vector<double> m_delta;  // dependency of the source on the node (δ)
  std::vector<char> m_settled;
  std::vector<std::vector<std::pair<std::uint32_t, std::uint32_t>>> m_preds;  // (node, edge)
  std::vector<std::uint32_t> m_order;  // nodes in order of settling
};

std::vector<std::uint32_t> choose_sources(std::size_t nodes, const BetweennessOptions& options,
                                          bool& sampled) {
  std::vector<std::uint32_t> all(nodes);
  std::iota(all.begin(), all.end(), 0U);
  sampled = nodes > options.max_exact_nodes && options.sample_sources < nodes;
  if (!sampled) return all;
  // A partial Fisher–Yates shuffle with a fixed seed, then sorted: the same sample every run.
  std::mt19937_64 random(options.seed);
  for (std::size_t i = 0; i < options.sample_sources; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, nodes - 1);
    std::swap(all[i], all[pick(random)]);
  }
  all.resize(options.sample_sources);
  std::sort(all.begin(), all.end());
  return all;
}

// Sources are summed in blocks of this many, whatever the thread count, so the floating-point
// sums, and the output files, do not depend on the machine.
constexpr std::size_t sources_per_block = 32;

}  // namespace

Betweenness betweenness(const RoadGraph& graph, const BetweennessOptions& options) {
  Betweenness out;
  out.node.assign(graph.node_count(), 0.0);
  out.edge.assign(graph.edge_count(), 0.0);
  const std::vector<std::uint32_t> sources = choose_sources(graph.node_count(), options, out.sampled);
  out.sources = sources.size();
  const std::size_t blocks = (sources.size() + sources_per_block - 1) / sources_per_block;
  unsigned threads = options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(blocks, 1)));

  // Blocks are done a wave at a time (one block a thread) and added in block order.
  struct Partial {
    std::vector<double> node, edge;
  };
  std::vector<Partial> wave(threads);
  std::vector<BrandesSearch> searches;
  for (unsigned t = 0; t < threads; ++t) searches.emplace_back(graph);
  for (std::size_t first = 0; first < blocks; first += threads) {
    const std::size_t in_wave = std::min<std::size_t>(threads, blocks - first);
    std::vector<std::exception_ptr> errors(in_wave);
    const auto run_block = [&](std::size_t slot) {
      try {
        Partial& p = wave[slot];
        p.node.assign(graph.node_count(), 0.0);
        p.edge.assign(graph.edge_count(), 0.0);
        const std::size_t begin = (first + slot) * sources_per_block;
        const std::size_t end = std::min(sources.size(), begin + sources_per_block);
        for (std::size_t s = begin; s < end; ++s) searches[slot].accumulate(sources[s], p.node, p.edge);
      } catch (...) {
        errors[slot] = std::current_exception();
      }
    };
    std::vector<std::thread> workers;
    for (std::size_t slot = 1; slot < in_wave; ++slot) workers.emplace_back(run_block, slot);
    run_block(0);
    for (auto& w : workers) w.join();
    for (const auto& e : errors) {
      if (e) std::rethrow_exception(e);
    }
    for (std::size_t slot = 0; slot < in_wave; ++slot) {
      for (std::size_t i = 0; i < out.node.size(); ++i) out.node[i] += wave[slot].node[i];
      for (std::size_t i = 0; i < out.edge.size(); ++i) out.edge[i] += wave[slot].edge[i];
    }
  }
  if (out.sampled) {
    const double scale = static_cast<double>(graph.node_count()) / static_cast<double>(sources.size());
    for (auto& v : out.node) v *= scale;
    for (auto& v : out.edge) v *= scale;
  }
  return out;
}

}  // namespace cx::network
