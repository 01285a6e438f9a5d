#include "cx/network/zone_travel.hpp"

#include "cx/core/parallel.hpp"
#include "cx/network/quickest_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cx::network {

namespace {

/// The graph's nodes bucketed in square cells, about two nodes a cell, to find the node
/// nearest a point by looking at the cells around it, ring by ring.
class NodeGrid {
public:
  explicit NodeGrid(const RoadGraph& graph) : m_graph(graph) {
    const std::size_t n = graph.node_count();
    if (n == 0) return;
    m_min = m_max = graph.node(NodeId(0)).xy;
    for (const auto& node : graph.nodes()) {
      m_min = {std::min(m_min.x, node.xy.x), std::min(m_min.y, node.xy.y)};
      m_max = {std::max(m_max.x, node.xy.x), std::max(m_max.y, node.xy.y)};
    }
    const double area = std::max(m_max.x - m_min.x, 1.0) * std::max(m_max.y - m_min.y, 1.0);
    m_cell = std::max(std::sqrt(2.0 * area / static_cast<double>(n)), 1e-3);
    m_cols = column(m_max.x) + 1;
    m_rows = row(m_max.y) + 1;
    m_first.assign(m_cols * m_rows + 1, 0);
    for (const auto& node : graph.nodes()) ++m_first[cell_of(node.xy) + 1];
    for (std::size_t c = 0; c < m_cols * m_rows; ++c) m_first[c + 1] += m_first[c];
    m_nodes.resize(n);
    std::vector<std::uint32_t> fill(m_first.begin(), m_first.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v) m_nodes[fill[cell_of(graph.node(NodeId(v)).xy)]++] = v;
  }

  /// The nearest node to `q` and its distance (ties: the lower node id), as comparing every
  /// node would find.
  [[nodiscard]] std::pair<NodeId, double> nearest(geom::XY q) const {
    NodeId best;
    double best_d = std::numeric_limits<double>::infinity();
    const auto consider = [&](std::uint32_t v) {
      const auto& xy = m_graph.node(NodeId(v)).xy;
      const double d = std::hypot(xy.x - q.x, xy.y - q.y);
      if (d < best_d || (d == best_d && v < best.value())) {
        best_d = d;
        best = NodeId(v);
      }
    };
    if (m_nodes.empty()) return {best, best_d};
    if (q.x < m_min.x || q.x > m_max.x || q.y < m_min.y || q.y > m_max.y) {  // outside: rare, plain
      for (std::uint32_t v = 0; v < m_nodes.size(); ++v) consider(v);
      return {best, best_d};
    }
    const std::size_t cx = column(q.x), cy = row(q.y);
    for (std::size_t r = 0;; ++r) {
      const bool last = r >= std::max(m_cols, m_rows);
      for (std::size_t y = cy >= r ? cy - r : 0; y <= std::min(cy + r, m_rows - 1); ++y) {
        const bool edge_row = y + r == cy || y == cy + r;
        for (std::size_t x = cx >= r ? cx - r : 0; x <= std::min(cx + r, m_cols - 1); ++x) {
          if (!edge_row && x + r != cx && x != cx + r) continue;  // inside the ring: seen before
          for (std::uint32_t k = m_first[y * m_cols + x]; k < m_first[y * m_cols + x + 1]; ++k) consider(m_nodes[k]);
        }
      }
      // Every node not yet seen lies outside the block of cells searched so far (give or take
      // the rounding that put it in its cell: hence the margin).
      const double left = q.x - (m_min.x + static_cast<double>(cx) * m_cell - static_cast<double>(r) * m_cell);
      const double right = m_min.x + static_cast<double>(cx + r + 1) * m_cell - q.x;
      const double below = q.y - (m_min.y + static_cast<double>(cy) * m_cell - static_cast<double>(r) * m_cell);
      const double above = m_min.y + static_cast<double>(cy + r + 1) * m_cell - q.y;
      if (last || best_d + 1e-6 < std::min({left, right, below, above})) return {best, best_d};
    }
  }

private:
  [[nodiscard]] std::size_t column(double x) const { return static_cast<std::size_t>((x - m_min.x) / m_cell); }
  [[nodiscard]] std::size_t row(double y) const { return static_cast<std::size_t>((y - m_min.y) / m_cell); }
  [[nodiscard]] std::size_t cell_of(geom::XY xy) const { return row(xy.y) * m_cols + column(xy.x); }

  const RoadGraph& m_graph;
  geom::XY m_min{}, m_max{};
  double m_cell = 1.0;
  std::size_t m_cols = 0, m_rows = 0;
  std::vector<std::uint32_t> m_first;  ///< per cell, where its nodes start in m_nodes
  std::vector<std::uint32_t> m_nodes;
};

}  // namespace

std::vector<ZoneSnap> snap_zones(const RoadGraph& graph, const std::vector<zones::Zone>& zones,
                                 double max_distance_m) {
  std::vector<ZoneSnap> out;
  out.reserve(zones.size());
  const NodeGrid grid(graph);
  for (const auto& zone : zones) {
    const auto [node, distance] = grid.nearest(zone.location);
    out.push_back(ZoneSnap{distance <= max_distance_m ? node : NodeId::invalid(), distance});
  }
  return out;
}

std::vector<NodeId> zone_nodes(const std::vector<ZoneSnap>& snaps) {
  std::vector<NodeId> out;
  for (const auto& snap : snaps) {
    if (snap.snapped()) out.push_back(snap.node);
  }
  return out;
}

OdMatrix empty_od(const std::vector<ZoneSnap>& snaps) {
  OdMatrix out;
  out.zone_count = snaps.size();
  out.cost.resize(snaps.size() * snaps.size());
  return out;
}

void store_od_row(OdMatrix& od, const std::vector<ZoneSnap>& snaps, std::size_t origin,
                  const QuickestSearch& search) {
  for (std::size_t j = 0; j < snaps.size(); ++j) {
    if (origin == j || !snaps[j].snapped()) continue;
    const auto to = snaps[j].node.value();
    od.cost[origin * snaps.size() + j] = PathCost{search.time_s(to), search.length_m(to)};
  }
}

OdMatrix od_matrix(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps, unsigned threads) {
  OdMatrix out = empty_od(snaps);
  const std::vector<NodeId> targets = zone_nodes(snaps);
  // One search per origin, stopped once every zone's junction is settled; each writes only its
  // own row, so the matrix is the same whatever the thread count.
  parallel_items(
      snaps.size(), threads,
      [&] { return QuickestSearch(graph, QuickestSearch::PathCounts::skipped); },
      [&](QuickestSearch& search, std::size_t i) {
        if (!snaps[i].snapped()) return;
        search.run(snaps[i].node, targets);
        store_od_row(out, snaps, i, search);
      });
  return out;
}

std::vector<std::vector<double>> reachable_within(const OdMatrix& od,
                                                 const std::vector<ZoneSnap>& snaps,
                                                 const std::vector<double>& weights,
                                                 const std::vector<double>& minutes) {
  const std::size_t n = od.zone_count;
  std::vector<std::vector<double>> out(n, std::vector<double>(minutes.size(), 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    if (!snaps[i].snapped()) continue;
    for (std::size_t j = 0; j < n; ++j) {
      const double time_min = i == j ? 0.0 : od.at(i, j).time_s / 60.0;  // infinite if unreachable
      for (std::size_t k = 0; k < minutes.size(); ++k) {
        if (time_min <= minutes[k]) out[i][k] += weights[j];
      }
    }
  }
  return out;
}

std::vector<std::optional<double>> zone_closeness(const OdMatrix& od) {
  std::vector<std::optional<double>> out(od.zone_count);
  for (std::size_t i = 0; i < od.zone_count; ++i) {
    double minutes = 0.0;
    std::size_t reached = 0;
    for (std::size_t j = 0; j < od.zone_count; ++j) {
      if (i == j || !od.at(i, j).reachable()) continue;
      minutes += od.at(i, j).time_s / 60.0;
      ++reached;
    }
    if (reached > 0 && minutes > 0.0) out[i] = static_cast<double>(reached) / minutes;
  }
  return out;
}

std::optional<double> detour(const RoadGraph& graph, const std::vector<ZoneSnap>& snaps,
                             const OdMatrix& od, std::size_t from, std::size_t to) {
  const PathCost& cost = od.at(from, to);
  if (from == to || !cost.reachable()) return std::nullopt;
  const geom::XY a = graph.node(snaps[from].node).xy;
  const geom::XY b = graph.node(snaps[to].node).xy;
  const double straight = std::hypot(b.x - a.x, b.y - a.y);
  if (straight <= 0.0) return std::nullopt;
  return cost.length_m / straight;
}

}  // namespace cx::network
