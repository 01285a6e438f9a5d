#include "cx/network/structure.hpp"

#include <algorithm>
#include <cstdint>

namespace cx::network {
namespace {

struct Link {
  std::uint32_t to = 0;
  std::uint32_t edge = 0;
};

// Undirected adjacency in compressed rows; loops are left out (they connect nothing).
struct Undirected {
  std::vector<std::uint32_t> offsets;
  std::vector<Link> links;
};

Undirected undirected(const RoadGraph& graph) {
  Undirected out;
  out.offsets.assign(graph.node_count() + 1, 0);
  for (const auto& e : graph.edges()) {
    if (e.from == e.to) continue;
    ++out.offsets[e.from.value() + 1];
    ++out.offsets[e.to.value() + 1];
  }
  for (std::size_t n = 0; n < graph.node_count(); ++n) out.offsets[n + 1] += out.offsets[n];
  out.links.resize(out.offsets.back());
  std::vector<std::uint32_t> fill(out.offsets.begin(), out.offsets.end() - 1);
  for (std::size_t i = 0; i < graph.edge_count(); ++i) {
    const auto& e = graph.edges()[i];
    if (e.from == e.to) continue;
    const auto a = static_cast<std::uint32_t>(e.from.value());
    const auto b = static_cast<std::uint32_t>(e.to.value());
    out.links[fill[a]++] = {b, static_cast<std::uint32_t>(i)};
    out.links[fill[b]++] = {a, static_cast<std::uint32_t>(i)};
  }
  return out;
}

constexpr std::uint32_t unvisited = UINT32_MAX;
constexpr std::uint32_t no_edge = UINT32_MAX;

struct Frame {
  std::uint32_t node = 0;
  std::uint32_t via_edge = no_edge;  // the edge the search came in by (not a way back)
  std::uint32_t next = 0;            // next position in the node's adjacency row
};

}  // namespace

CutElements cut_elements(const RoadGraph& graph) {
  const Undirected adj = undirected(graph);
  const std::size_t n = graph.node_count();
  std::vector<std::uint32_t> order(n, unvisited);  // discovery time
  std::vector<std::uint32_t> low(n, 0);            // earliest discovery reachable from below
  std::vector<bool> is_cut(n, false);
  CutElements out;
  std::uint32_t time = 0;
  std::vector<Frame> stack;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (order[root] != unvisited) continue;
    order[root] = low[root] = time++;
    stack.push_back({root, no_edge, adj.offsets[root]});
    std::size_t root_children = 0;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < adj.offsets[f.node + 1]) {
        const Link link = adj.links[f.next++];
        if (link.edge == f.via_edge) continue;  // a parallel edge, with another id, is a cycle
        if (order[link.to] == unvisited) {
          order[link.to] = low[link.to] = time++;
          if (f.node == root) ++root_children;
          stack.push_back({link.to, link.edge, adj.offsets[link.to]});
        } else {
          low[f.node] = std::min(low[f.node], order[link.to]);
        }
        continue;
      }
      const Frame done = f;
      stack.pop_back();
      if (stack.empty()) break;
      const std::uint32_t parent = stack.back().node;
      low[parent] = std::min(low[parent], low[done.node]);
      if (low[done.node] > order[parent]) out.bridges.emplace_back(done.via_edge);
      if (parent != root && low[done.node] >= order[parent]) is_cut[parent] = true;
    }
    if (root_children > 1) is_cut[root] = true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (is_cut[i]) out.articulation_points.emplace_back(i);
  }
  std::sort(out.bridges.begin(), out.bridges.end());
  return out;
}

KanskyIndices kansky_indices(const RoadGraph& graph, const Components& components) {
  KanskyIndices k;
  k.nodes = graph.node_count();
  k.edges = graph.edge_count();
  k.components = components.count();
  const auto v = static_cast<double>(k.nodes);
  const auto e = static_cast<double>(k.edges);
  k.cyclomatic = e - v + static_cast<double>(k.components);
  if (k.nodes >= 1) k.beta = e / v;
  if (k.nodes >= 3) {
    k.alpha = k.cyclomatic / (2.0 * v - 5.0);
    k.gamma = e / (3.0 * (v - 2.0));
  }
  return k;
}

}  // namespace cx::network
