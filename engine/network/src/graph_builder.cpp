#include "cx/network/graph_builder.hpp"

#include "cx/core/error.hpp"
#include "cx/index/box_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <tuple>
#include <unordered_map>

namespace cx::network {
namespace {

/// One end of one line part.
struct LineEnd {
  geom::XY xy;
  int z_level = 0;
  std::size_t part = 0;  ///< index into the parts list
  int which = 0;         ///< 0 start, 1 end
};

/// One line part (or stretch of one, between junctions) that becomes an edge.
struct Part {
  std::size_t road_index = 0;
  int part = 0;
  double length_m = 0.0;
  geom::XY start;
  geom::XY end;
  std::uint32_t first_vertex = 0;
  std::uint32_t last_vertex = 0;
};

class UnionFind {
public:
  explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0); }
  std::size_t find(std::size_t i) {
    while (m_parent[i] != i) i = m_parent[i] = m_parent[m_parent[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) m_parent[std::max(a, b)] = std::min(a, b);
  }

private:
  std::vector<std::size_t> m_parent;
};

Diagnostic finding(const char* code, Severity severity, const char* message, const char* action) {
  return Diagnostic{.code = code, .severity = severity, .path = {}, .layer = "roads",
                    .message = message, .action = action, .feature_ids = {}};
}

double stretch_length(const std::vector<geom::XY>& points, std::size_t first, std::size_t last) {
  double length_m = 0.0;
  for (std::size_t i = first; i < last; ++i) {
    // As GEOS measures a line, so whole lines keep the length they had before any split.
    const double dx = points[i + 1].x - points[i].x, dy = points[i + 1].y - points[i].y;
    length_m += std::sqrt(dx * dx + dy * dy);
  }
  return length_m;
}

/// Exact vertex positions per level, for shared-vertex noding.
struct VertexKey {
  double x, y;
  int z;
  friend bool operator==(const VertexKey&, const VertexKey&) = default;
};
struct VertexKeyHash {
  std::size_t operator()(const VertexKey& k) const noexcept {
    const std::hash<double> h;
    return h(k.x) ^ (h(k.y) * 31U) ^ (static_cast<std::size_t>(k.z) * 1000003U);
  }
};

std::vector<Part> collect_parts(const std::vector<const roads::Road*>& roads,
                                const GraphOptions& options, Diagnostics& diagnostics) {
  struct Line {
    std::size_t road_index;
    int part;
    std::vector<geom::XY> points;
  };
  std::vector<Line> lines;
  for (std::size_t r = 0; r < roads.size(); ++r) {
    const auto& geometry = roads[r]->geometry;
    for (int i = 0; i < geometry.num_geometries(); ++i) {
      const geom::Geometry line =
          geometry.type() == geom::GeometryType::LineString ? geometry.clone() : geometry.part(i);
      auto points = line.line_points();
      if (points.size() < 2 || line.length() <= options.snap_tolerance_m * 1e-3) {
        diagnostics.record(finding("network.zero_length", Severity::Warning,
                                   "zero-length road lines", "skipped"),
                           roads[r]->fid);
        continue;
      }
      lines.push_back(Line{r, i, std::move(points)});
    }
  }
  // Shared-vertex noding: how many line vertices sit on each exact position and level. A bridge
  // or tunnel is on a level of its own, so it meets ground roads only at its ends (where the
  // level rules below join a lone end to the ground), while ramps merging onto a viaduct meet it.
  std::unordered_map<VertexKey, int, VertexKeyHash> uses;
  if (options.noding == Noding::SharedVertices) {
    for (const auto& line : lines) {
      const int z = roads[line.road_index]->z_level;
      for (const auto& p : line.points) ++uses[VertexKey{p.x, p.y, z}];
    }
  }
  std::vector<Part> parts;
  for (const auto& line : lines) {
    const int z = roads[line.road_index]->z_level;
    const bool split = options.noding == Noding::SharedVertices;
    std::size_t first = 0;
    const std::size_t last = line.points.size() - 1;
    for (std::size_t v = 1; v <= last; ++v) {
      const bool junction = v == last || (split && uses[VertexKey{line.points[v].x, line.points[v].y, z}] > 1);
      if (!junction) continue;
      const double length_m = stretch_length(line.points, first, v);
      if (length_m > 0.0) {  // a repeated vertex makes no edge
        parts.push_back(Part{line.road_index, line.part, length_m, line.points[first], line.points[v],
                             static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(v)});
      }
      first = v;
    }
  }
  return parts;
}

// Clusters line ends within the tolerance (grid hashing; a cell is one tolerance wide so only
// the 3x3 neighbourhood needs checking).
std::vector<std::vector<std::size_t>> cluster_ends(const std::vector<LineEnd>& ends, double tol) {
  UnionFind sets(ends.size());
  const double cell = std::max(tol, 1e-9);
  auto cell_of = [cell](double v) { return static_cast<std::int64_t>(std::floor(v / cell)); };
  std::unordered_map<std::int64_t, std::vector<std::size_t>> grid;
  auto key = [](std::int64_t cx, std::int64_t cy) { return cx * 73856093LL ^ cy * 19349663LL; };
  for (std::size_t i = 0; i < ends.size(); ++i) {
    const auto cx = cell_of(ends[i].xy.x);
    const auto cy = cell_of(ends[i].xy.y);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = grid.find(key(cx + dx, cy + dy));
        if (it == grid.end()) continue;
        for (const std::size_t j : it->second) {
          if (std::hypot(ends[i].xy.x - ends[j].xy.x, ends[i].xy.y - ends[j].xy.y) <= tol) {
            sets.unite(i, j);
          }
        }
      }
    }
    grid[key(cx, cy)].push_back(i);
  }
  std::map<std::size_t, std::vector<std::size_t>> by_root;
  for (std::size_t i = 0; i < ends.size(); ++i) by_root[sets.find(i)].push_back(i);
  std::vector<std::vector<std::size_t>> clusters;
  clusters.reserve(by_root.size());
  for (auto& [root, members] : by_root) clusters.push_back(std::move(members));
  return clusters;
}

// Splits one cluster of ends into junctions by z-level (see build_graph's contract).
std::vector<std::vector<std::size_t>> split_by_level(const std::vector<LineEnd>& ends,
                                                     const std::vector<std::size_t>& cluster,
                                                     std::vector<std::size_t>& unjoined) {
  std::map<int, std::vector<std::size_t>> levels;
  for (const std::size_t i : cluster) levels[ends[i].z_level].push_back(i);
  const bool all_single = std::all_of(levels.begin(), levels.end(),
                                      [](const auto& l) { return l.second.size() == 1; });
  if (levels.size() == 1 || all_single) return {cluster};
  std::map<int, std::vector<std::size_t>> junctions;
  for (const auto& [z, members] : levels) {
    if (members.size() > 1) junctions[z] = members;
  }
  for (const auto& [z, members] : levels) {
    if (members.size() > 1) continue;
    if (z == 0) {  // a ground end below a grade-separated junction: never joins it
      junctions[z] = members;
      unjoined.push_back(members.front());
      continue;
    }
    // A bridge or tunnel end touching down: join the ground, else the nearest level.
    int best = junctions.begin()->first;
    for (const auto& [level, unused] : junctions) {
      const auto rank = [z](int l) { return std::make_tuple(l != 0, std::abs(l - z), l); };
      if (rank(level) < rank(best)) best = level;
    }
    junctions[best].push_back(members.front());
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [z, members] : junctions) out.push_back(std::move(members));
  return out;
}

// Two links between the same junctions with the same length (to the millimetre) are most likely
// one road digitised twice.
void report_duplicates(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                       Diagnostics& diagnostics) {
  std::map<std::tuple<std::uint32_t, std::uint32_t, long long>, std::size_t> seen;
  for (std::size_t i = 0; i < graph.edge_count(); ++i) {
    const Edge& e = graph.edges()[i];
    const auto a = std::min(e.from.value(), e.to.value()), b = std::max(e.from.value(), e.to.value());
    const auto key = std::make_tuple(a, b, std::llround(e.length_m * 1000.0));
    if (!seen.emplace(key, i).second) {
      diagnostics.record(finding("network.duplicate_link", Severity::Warning,
                                 "road lines that repeat another between the same junctions",
                                 "kept (both carry traffic)"),
                         roads[e.road_index]->fid);
    }
  }
}

// The vertices of every edge, read once per line part (no GEOS object per edge).
std::vector<std::vector<geom::XY>> edge_points(const RoadGraph& graph,
                                               const std::vector<const roads::Road*>& roads) {
  std::map<std::pair<std::size_t, int>, std::vector<geom::XY>> parts;
  std::vector<std::vector<geom::XY>> out;
  out.reserve(graph.edge_count());
  for (const auto& e : graph.edges()) {
    auto [it, added] = parts.try_emplace({e.road_index, e.part});
    if (added) {
      const auto& g = roads[e.road_index]->geometry;
      it->second = g.type() == geom::GeometryType::LineString ? g.line_points() : g.part(e.part).line_points();
    }
    out.emplace_back(it->second.begin() + e.first_vertex, it->second.begin() + e.last_vertex + 1);
  }
  return out;
}

double distance_to(const std::vector<geom::XY>& line, geom::XY p) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    const geom::XY a = line[i], b = line[i + 1];
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0.0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    best = std::min(best, std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return best;
}

// A dead end close to another road it does not meet: the line probably stops short of it.
void report_dangles(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                    double within_m, Diagnostics& diagnostics) {
  if (within_m <= 0.0 || graph.edge_count() == 0) return;
  const auto lines = edge_points(graph, roads);
  std::vector<Extent> boxes;
  for (const auto& line : lines) {
    Extent box;
    for (const auto& p : line) box.add(p.x, p.y);
    boxes.push_back(box);
  }
  const index::BoxIndex index(boxes);
  std::vector<std::vector<std::uint32_t>> touching(graph.node_count());
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    touching[graph.edges()[i].from.value()].push_back(i);
    touching[graph.edges()[i].to.value()].push_back(i);
  }
  for (std::uint32_t n = 0; n < graph.node_count(); ++n) {
    if (touching[n].size() != 1) continue;
    const geom::XY xy = graph.node(NodeId(n)).xy;
    const Extent around{xy.x - within_m, xy.y - within_m, xy.x + within_m, xy.y + within_m};
    for (const std::size_t candidate : index.query(around)) {
      const Edge& e = graph.edges()[candidate];
      if (e.from.value() == n || e.to.value() == n) continue;
      if (distance_to(lines[candidate], xy) <= within_m) {
        diagnostics.record(finding("network.dangling_end", Severity::Warning,
                                   "dead ends within dangle_check_m of a road they do not meet "
                                   "(lines stopping short?)",
                                   "flagged"),
                           roads[graph.edges()[touching[n].front()].road_index]->fid);
        break;
      }
    }
  }
}

void report_suspicious(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                       const GraphOptions& options, Diagnostics& diagnostics) {
  report_duplicates(graph, roads, diagnostics);
  report_dangles(graph, roads, options.dangle_check_m, diagnostics);
}

}  // namespace

RoadGraph build_graph(const std::vector<const roads::Road*>& roads, const GraphOptions& options,
                      Diagnostics& diagnostics) {
  const std::vector<Part> parts = collect_parts(roads, options, diagnostics);
  std::vector<LineEnd> ends;
  ends.reserve(parts.size() * 2);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const int z = roads[parts[p].road_index]->z_level;
    ends.push_back(LineEnd{parts[p].start, z, p, 0});
    ends.push_back(LineEnd{parts[p].end, z, p, 1});
  }

  // Junctions: clusters of ends split by level, each placed at its lowest (x, y) end so the
  // node position and the node numbering do not depend on input order.
  struct Junction {
    geom::XY xy;
    int z_level;
    std::vector<std::size_t> members;
  };
  std::vector<Junction> junctions;
  std::vector<std::size_t> unjoined;
  for (const auto& cluster : cluster_ends(ends, options.snap_tolerance_m)) {
    for (auto& members : split_by_level(ends, cluster, unjoined)) {
      const auto lowest = *std::min_element(members.begin(), members.end(), [&](auto a, auto b) {
        return std::tie(ends[a].xy.x, ends[a].xy.y) < std::tie(ends[b].xy.x, ends[b].xy.y);
      });
      const bool snapped = std::any_of(members.begin(), members.end(),
                                       [&](auto i) { return !(ends[i].xy == ends[lowest].xy); });
      if (snapped) {
        for (const auto i : members) {
          diagnostics.record(finding("network.snapped", Severity::Info,
                                     "line ends joined across a small gap", "snapped"),
                             roads[parts[ends[i].part].road_index]->fid);
        }
      }
      int z = ends[members.front()].z_level;  // the junction's level: the one nearest the ground
      for (const auto i : members) {
        if (std::abs(ends[i].z_level) < std::abs(z)) z = ends[i].z_level;
      }
      junctions.push_back(Junction{ends[lowest].xy, z, std::move(members)});
    }
  }
  for (const auto i : unjoined) {
    diagnostics.record(finding("network.level_mismatch", Severity::Warning,
                               "ground-level line ends under a grade-separated junction",
                               "not joined"),
                       roads[parts[ends[i].part].road_index]->fid);
  }
  std::sort(junctions.begin(), junctions.end(), [](const Junction& a, const Junction& b) {
    return std::tie(a.xy.x, a.xy.y, a.z_level) < std::tie(b.xy.x, b.xy.y, b.z_level);
  });

  std::vector<Node> nodes;
  std::vector<NodeId> node_of_end(ends.size());
  for (std::size_t n = 0; n < junctions.size(); ++n) {
    nodes.push_back(Node{junctions[n].xy, junctions[n].z_level});
    for (const auto i : junctions[n].members) node_of_end[i] = NodeId(static_cast<std::uint32_t>(n));
  }

  std::vector<Edge> edges;
  edges.reserve(parts.size());
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const roads::Road& road = *roads[parts[p].road_index];
    const double speed_ms = road.speed_kmh / 3.6;
    edges.push_back(Edge{.from = node_of_end[2 * p],
                         .to = node_of_end[2 * p + 1],
                         .road_index = parts[p].road_index,
                         .part = parts[p].part,
                         .length_m = parts[p].length_m,
                         .time_s = parts[p].length_m / speed_ms,
                         .forward = road.oneway != roads::Oneway::Backward,
                         .backward = road.oneway != roads::Oneway::Forward,
                         .first_vertex = parts[p].first_vertex,
                         .last_vertex = parts[p].last_vertex});
  }
  RoadGraph graph(std::move(nodes), std::move(edges));
  report_suspicious(graph, roads, options, diagnostics);
  return graph;
}

Noding parse_noding(std::string_view text) {
  if (text == "endpoints") return Noding::Endpoints;
  if (text == "shared-vertices") return Noding::SharedVertices;
  throw ConfigError("noding '" + std::string(text) + "' is not one of endpoints, shared-vertices");
}

geom::Geometry edge_geometry(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                             EdgeId id) {
  const Edge& e = graph.edge(id);
  const auto& g = roads[e.road_index]->geometry;
  geom::Geometry line = g.type() == geom::GeometryType::LineString ? g.clone() : g.part(e.part);
  const auto points = line.line_points();
  if (e.first_vertex == 0 && e.last_vertex + 1 == points.size()) return line;
  const std::vector<geom::XY> stretch(points.begin() + e.first_vertex, points.begin() + e.last_vertex + 1);
  return geom::Geometry::line_string(g.context(), stretch);
}

}  // namespace cx::network
