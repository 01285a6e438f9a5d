#include "cx/network/components.hpp"

#include <algorithm>
#include <numeric>

namespace cx::network {

Components connected_components(const RoadGraph& graph) {
  const std::size_t n = graph.node_count();
  // Undirected adjacency (arcs alone miss one-way edges seen from their head).
  std::vector<std::vector<std::uint32_t>> neighbours(n);
  for (const auto& e : graph.edges()) {
    neighbours[e.from.value()].push_back(e.to.value());
    neighbours[e.to.value()].push_back(e.from.value());
  }
  constexpr std::uint32_t unvisited = UINT32_MAX;
  std::vector<std::uint32_t> raw(n, unvisited);
  std::vector<std::uint32_t> sizes;
  std::vector<std::uint32_t> stack;  // explicit stack: no recursion over graph depth
  for (std::uint32_t start = 0; start < n; ++start) {
    if (raw[start] != unvisited) continue;
    const auto id = static_cast<std::uint32_t>(sizes.size());
    sizes.push_back(0);
    raw[start] = id;
    stack.push_back(start);
    while (!stack.empty()) {
      const auto v = stack.back();
      stack.pop_back();
      ++sizes[id];
      for (const auto w : neighbours[v]) {
        if (raw[w] == unvisited) {
          raw[w] = id;
          stack.push_back(w);
        }
      }
    }
  }
  // Raw ids follow the smallest node id; renumber by size (largest first), ties kept in order.
  std::vector<std::uint32_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return sizes[a] > sizes[b]; });
  std::vector<std::uint32_t> rank(sizes.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  Components out;
  out.of_node.resize(n);
  for (std::size_t v = 0; v < n; ++v) out.of_node[v] = rank[raw[v]];
  out.node_counts.resize(sizes.size());
  for (std::size_t c = 0; c < sizes.size(); ++c) out.node_counts[rank[c]] = sizes[c];
  return out;
}

}  // namespace cx::network
