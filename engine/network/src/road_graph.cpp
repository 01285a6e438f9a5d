#include "cx/network/road_graph.hpp"

#include <algorithm>

#include "cx/core/error.hpp"

namespace cx::network {

RoadGraph::RoadGraph(std::vector<Node> nodes, std::vector<Edge> edges)
    : m_nodes(std::move(nodes)), m_edges(std::move(edges)) {
  const std::size_t n = m_nodes.size();
  m_degree.assign(n, 0);
  std::vector<std::uint32_t> out_count(n, 0);
  for (const auto& e : m_edges) {
    CX_ASSERT(e.from.value() < n && e.to.value() < n);
    ++m_degree[e.from.value()];
    ++m_degree[e.to.value()];
    if (e.forward) ++out_count[e.from.value()];
    if (e.backward) ++out_count[e.to.value()];
  }
  m_offsets.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) m_offsets[i + 1] = m_offsets[i] + out_count[i];
  m_arcs.resize(m_offsets[n]);
  m_arc_length.resize(m_offsets[n]);
  std::vector<std::uint32_t> fill(m_offsets.begin(), m_offsets.end() - 1);
  const auto add_arc = [&](NodeId tail, Arc arc, double length_m) {
    const std::uint32_t at = fill[tail.value()]++;
    m_arcs[at] = arc;
    m_arc_length[at] = length_m;
  };
  for (std::size_t i = 0; i < m_edges.size(); ++i) {
    const Edge& e = m_edges[i];
    const EdgeId id(static_cast<std::uint32_t>(i));
    if (e.forward) add_arc(e.from, Arc{e.to, id, e.time_s}, e.length_m);
    if (e.backward) add_arc(e.to, Arc{e.from, id, e.time_s}, e.length_m);
  }
  if (!m_arcs.empty()) {
    const auto [least, greatest] = std::minmax_element(
        m_arcs.begin(), m_arcs.end(), [](const Arc& a, const Arc& b) { return a.time_s < b.time_s; });
    m_least_arc_time_s = least->time_s;
    m_greatest_arc_time_s = greatest->time_s;
    // From a sample of evenly spaced arcs (a few thousand): it only sets the searches' bucket
    // width, and sorting all of a city's arcs would cost a search's time.
    const std::size_t stride = std::max<std::size_t>(1, m_arcs.size() / 4096);
    std::vector<double> times;
    for (std::size_t a = 0; a < m_arcs.size(); a += stride) times.push_back(m_arcs[a].time_s);
    const auto at = times.begin() + static_cast<std::ptrdiff_t>(times.size() / quick_arc_share);
    std::nth_element(times.begin(), at, times.end());
    m_quick_arc_time_s = *at;
  }
}

}  // namespace cx::network
