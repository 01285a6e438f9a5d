#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "cx/core/strong_id.hpp"
#include "cx/geom/geometry.hpp"

namespace cx::network {

using NodeId = StrongId<struct NodeTag>;
using EdgeId = StrongId<struct EdgeTag>;

struct Node {
  geom::XY xy;
  int z_level = 0;
};

/// One road line between two junctions, with its travel cost in each allowed direction.
struct Edge {
  NodeId from;
  NodeId to;
  std::size_t road_index = 0;  ///< position in the road list the graph was built from
  int part = 0;                ///< part of a multi-line road (0 for a simple line)
  double length_m = 0.0;
  double time_s = 0.0;
  bool forward = true;   ///< from → to allowed
  bool backward = true;  ///< to → from allowed
  /// The stretch of the line part this edge runs along, as vertex positions (first to last);
  /// the whole part unless the line was split at junctions along it. In `crossings` noding an
  /// end may lie inside a segment: `start_fraction` of the way from first_vertex to the next
  /// vertex, and `end_fraction` of the way from last_vertex to the next (0: at the vertex).
  std::uint32_t first_vertex = 0;
  std::uint32_t last_vertex = 0;
  double start_fraction = 0.0;
  double end_fraction = 0.0;

  /// The end that is not `end` (a search arriving at `end` by this edge came from there).
  [[nodiscard]] NodeId other_end(NodeId end) const { return to == end ? from : to; }
};

/// A directed half-edge in the adjacency arrays. Its length is kept apart (see out_lengths):
/// searches read every arc's time but few arcs' lengths, and 16-byte arcs take fewer cache
/// misses to read.
struct Arc {
  NodeId head;
  EdgeId edge;
  double time_s = 0.0;
};

/// An immutable road graph in compressed sparse row form: the arcs leaving node n are
/// `out_arcs(n)`. Node ids follow a Hilbert curve through the junctions (neighbours get nearby
/// ids, which keeps searches in cache), edge ids the road order, so both are
/// stable across runs. Safe to share between threads once built.
class RoadGraph {
public:
  RoadGraph() = default;
  RoadGraph(std::vector<Node> nodes, std::vector<Edge> edges);

  [[nodiscard]] std::size_t node_count() const { return m_nodes.size(); }
  [[nodiscard]] std::size_t edge_count() const { return m_edges.size(); }
  [[nodiscard]] const Node& node(NodeId id) const { return m_nodes[id.value()]; }
  [[nodiscard]] const Edge& edge(EdgeId id) const { return m_edges[id.value()]; }
  [[nodiscard]] const std::vector<Node>& nodes() const { return m_nodes; }
  [[nodiscard]] const std::vector<Edge>& edges() const { return m_edges; }
  [[nodiscard]] std::span<const Arc> out_arcs(NodeId id) const {
    const auto begin = m_offsets[id.value()];
    return {m_arcs.data() + begin, m_offsets[id.value() + 1] - begin};
  }
  /// The lengths of `out_arcs(id)`, in the same order.
  [[nodiscard]] std::span<const double> out_lengths(NodeId id) const {
    const auto begin = m_offsets[id.value()];
    return {m_arc_length.data() + begin, m_offsets[id.value() + 1] - begin};
  }
  /// A hint that `out_arcs(id)` will be read soon: starts fetching every cache line they lie on.
  void prefetch_arcs(NodeId id) const {
    constexpr std::uintptr_t line = 64;
    const auto first = reinterpret_cast<std::uintptr_t>(m_arcs.data() + m_offsets[id.value()]);
    const auto end = reinterpret_cast<std::uintptr_t>(m_arcs.data() + m_offsets[id.value() + 1]);
    for (std::uintptr_t at = first & ~(line - 1); at < end; at += line) __builtin_prefetch(reinterpret_cast<const void*>(at));
  }
  /// Number of edges touching the node, whatever their direction.
  [[nodiscard]] std::size_t degree(NodeId id) const { return m_degree[id.value()]; }
  /// The least and the greatest time of any arc (0 and 0 without arcs).
  [[nodiscard]] double least_arc_time_s() const { return m_least_arc_time_s; }
  [[nodiscard]] double greatest_arc_time_s() const { return m_greatest_arc_time_s; }
  /// The time of a quick arc, though not the quickest: about 1 in quick_arc_share of all arcs
  /// take less (found in a sample of a few thousand; 0 without arcs). A few very short links,
  /// as real networks have, leave it where most arcs are.
  [[nodiscard]] double quick_arc_time_s() const { return m_quick_arc_time_s; }
  static constexpr std::size_t quick_arc_share = 64;

private:
  std::vector<Node> m_nodes;
  std::vector<Edge> m_edges;
  std::vector<std::uint32_t> m_offsets;  ///< node_count + 1 entries
  std::vector<Arc> m_arcs;
  std::vector<double> m_arc_length;  ///< per arc
  std::vector<std::uint32_t> m_degree;
  double m_least_arc_time_s = 0.0;
  double m_greatest_arc_time_s = 0.0;
  double m_quick_arc_time_s = 0.0;
};

}  // namespace cx::network
