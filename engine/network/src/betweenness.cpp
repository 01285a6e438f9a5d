#include "cx/network/betweenness.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <utility>

#include "cx/core/parallel.hpp"
#include "cx/network/quickest_search.hpp"

namespace cx::network {
namespace {

/// One source's quickest-path search and dependency accumulation (Brandes's algorithm with
/// Dijkstra). The search counts the quickest paths to every node (σ); the accumulation walks
/// the nodes back from the farthest and, for each link w → x on a quickest path to x, hands x's
/// dependency back to w in proportion σ(w) / σ(x). Links are recognised by time(w) + t(link)
/// being equally quick as time(x), the very test the search made, so no predecessor lists are
/// kept.
class BrandesSearch {
public:
  explicit BrandesSearch(const RoadGraph& graph) : m_search(graph), m_delta(graph.node_count(), 0.0) {}

  /// Adds the dependencies of every node and edge on `source` to `node_sum` and `edge_sum`.
  void accumulate(std::uint32_t source, std::vector<double>& node_sum, std::vector<double>& edge_sum) {
    m_search.run(NodeId(source));
    const auto order = m_search.settled();
    const RoadGraph& graph = m_search.graph();
    // Memory, not arithmetic, is what this loop waits on, and the nodes it will visit are known:
    // their arcs are fetched `ahead` nodes early, their neighbours' states half as early.
    constexpr std::size_t ahead = 16;
    for (std::size_t i = order.size(); i-- > 0;) {
      if (i >= ahead) graph.prefetch_arcs(NodeId(order[i - ahead]));
      if (i >= ahead / 2) prefetch_sums(order[i - ahead / 2], edge_sum);
      const std::uint32_t w = order[i];
      const double time_w = m_search.time_s(w);
      const double paths_w = m_search.paths(w);
      double delta_w = 0.0;
      for (const Arc& arc : graph.out_arcs(NodeId(w))) {
        const std::uint32_t x = arc.head.value();
        if (!equally_quick(time_w + arc.time_s, m_search.time_s(x))) continue;  // not on a quickest path to x
        const double share = paths_w / m_search.paths(x) * (1.0 + m_delta[x]);
        edge_sum[arc.edge.value()] += share;
        delta_w += share;
      }
      m_delta[w] = delta_w;
      if (w != source) node_sum[w] += delta_w;
    }
    for (const std::uint32_t v : order) m_delta[v] = 0.0;
  }

private:
  // The neighbours' search states and dependencies, and the sums of the links to them.
  void prefetch_sums(std::uint32_t node, std::vector<double>& edge_sum) const {
    m_search.prefetch_neighbours(node);
    for (const Arc& arc : m_search.graph().out_arcs(NodeId(node))) {
      __builtin_prefetch(&m_delta[arc.head.value()]);
      __builtin_prefetch(&edge_sum[arc.edge.value()], 1);
    }
  }

  QuickestSearch m_search;
  std::vector<double> m_delta;  // dependency of the source on the node (δ)
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

// Sources are summed in blocks of this many, whatever the thread count, and the blocks in
// order, so the floating-point sums, and the output files, do not depend on the machine. Small
// blocks keep the threads evenly loaded (100 sources make 25 blocks).
constexpr std::size_t sources_per_block = 4;

/// One block's sums.
struct Partial {
  std::vector<double> node, edge;
};

/// Adds finished blocks to the totals strictly in block order, whichever thread finishes first.
class OrderedSum {
public:
  OrderedSum(std::size_t nodes, std::size_t edges) : m_nodes(nodes), m_edges(edges) {
    total.node.assign(nodes, 0.0);
    total.edge.assign(edges, 0.0);
  }

  /// A zeroed block to fill (a recycled one when there is one).
  Partial take() {
    const std::lock_guard lock(m_mutex);
    if (m_spare.empty()) return Partial{std::vector<double>(m_nodes, 0.0), std::vector<double>(m_edges, 0.0)};
    Partial p = std::move(m_spare.back());
    m_spare.pop_back();
    return p;
  }

  void finish(std::size_t block, Partial partial) {
    const std::lock_guard lock(m_mutex);
    m_done.emplace(block, std::move(partial));
    while (!m_done.empty() && m_done.begin()->first == m_next) {
      Partial& p = m_done.begin()->second;
      for (std::size_t i = 0; i < m_nodes; ++i) total.node[i] += std::exchange(p.node[i], 0.0);
      for (std::size_t i = 0; i < m_edges; ++i) total.edge[i] += std::exchange(p.edge[i], 0.0);
      m_spare.push_back(std::move(p));
      m_done.erase(m_done.begin());
      ++m_next;
    }
  }

  Partial total;

private:
  std::size_t m_nodes, m_edges;
  std::mutex m_mutex;
  std::map<std::size_t, Partial> m_done;  // finished out of turn
  std::vector<Partial> m_spare;
  std::size_t m_next = 0;
};

}  // namespace

Betweenness betweenness(const RoadGraph& graph, const BetweennessOptions& options) {
  Betweenness out;
  const std::vector<std::uint32_t> sources = choose_sources(graph.node_count(), options, out.sampled);
  out.sources = sources.size();
  const std::size_t blocks = (sources.size() + sources_per_block - 1) / sources_per_block;

  OrderedSum sum(graph.node_count(), graph.edge_count());
  parallel_items(
      blocks, options.threads, [&] { return BrandesSearch(graph); },
      [&](BrandesSearch& search, std::size_t b) {
        Partial p = sum.take();
        const std::size_t end = std::min(sources.size(), (b + 1) * sources_per_block);
        for (std::size_t s = b * sources_per_block; s < end; ++s) search.accumulate(sources[s], p.node, p.edge);
        sum.finish(b, std::move(p));
      });

  out.node = std::move(sum.total.node);
  out.edge = std::move(sum.total.edge);
  if (out.sampled) {
    const double scale = static_cast<double>(graph.node_count()) / static_cast<double>(sources.size());
    for (auto& v : out.node) v *= scale;
    for (auto& v : out.edge) v *= scale;
  }
  return out;
}

}  // namespace cx::network
