#include "cx/network/graph_builder.hpp"

#include "cx/core/error.hpp"
#include "cx/geom/segment.hpp"
#include "cx/index/box_index.hpp"
#include "crossing_splits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>

namespace cx::network {
namespace {

/// One end of one line part.
struct LineEnd {
  geom::XY xy;
  int z_level = 0;
};

/// Where a point of a line lies on the line as read: on segment `vertex` (from that vertex to
/// the next) at `fraction` of its length; fraction 0 is the vertex itself.
struct Position {
  std::uint32_t vertex = 0;
  double fraction = 0.0;
};

/// One line, or one part of a multi-line road, with its vertices (and, in `crossings` noding,
/// the crossing points put in between).
struct Line {
  std::size_t road_index = 0;
  int part = 0;
  std::vector<geom::XY> points;
  std::vector<Position> positions;  ///< of each point, when points were put in; else empty
  std::vector<char> split_at;       ///< points where the line must be split; else empty
  [[nodiscard]] Position position(std::uint32_t i) const { return positions.empty() ? Position{i, 0.0} : positions[i]; }
};

/// One stretch of a line between junctions (the whole line unless it is split), which becomes
/// an edge.
struct Part {
  std::uint32_t line = 0;
  double length_m = 0.0;
  std::uint32_t first_vertex = 0;
  std::uint32_t last_vertex = 0;
};

/// The lines read from the roads and their stretches: each part is a link, unless a sliver.
struct Pieces {
  std::vector<Line> lines;
  std::vector<Part> parts;
  [[nodiscard]] geom::XY start(const Part& p) const { return lines[p.line].points[p.first_vertex]; }
  [[nodiscard]] geom::XY end(const Part& p) const { return lines[p.line].points[p.last_vertex]; }
  [[nodiscard]] std::span<const geom::XY> points(const Part& p) const {
    return std::span(lines[p.line].points).subspan(p.first_vertex, p.last_vertex - p.first_vertex + 1);
  }
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

Diagnostic finding(const char* code, Severity severity, const char* message, const char* action,
                   const roads::Road& road) {
  return roads::finding_about(road, code, severity, message, action);
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

// Crossings noding: puts the points where lines on one level cross or touch into both lines,
// and marks them (and vertices where the crossing is) as places to split.
void put_in_crossings(std::vector<Line>& lines, const std::vector<const roads::Road*>& roads, double tolerance) {
  std::vector<std::span<const geom::XY>> spans;
  std::vector<int> levels;
  for (const auto& line : lines) {
    spans.emplace_back(line.points);
    levels.push_back(roads[line.road_index]->z_level);
  }
  const auto splits = crossing_splits(spans, levels, tolerance);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    Line& line = lines[l];
    std::vector<geom::XY> points;
    std::vector<Position> positions;
    std::vector<char> split_at;
    auto next = splits[l].begin();
    for (std::uint32_t v = 0; v < line.points.size(); ++v) {
      points.push_back(line.points[v]);
      positions.push_back({v, 0.0});
      split_at.push_back(0);
      for (; next != splits[l].end() && next->segment == v; ++next) {
        if (next->fraction == 0.0) {  // at this vertex
          split_at.back() = 1;
          continue;
        }
        points.push_back(next->xy);
        positions.push_back({v, next->fraction});
        split_at.push_back(1);
      }
    }
    line.points = std::move(points);
    line.positions = std::move(positions);
    line.split_at = std::move(split_at);
  }
}

Pieces collect_parts(const std::vector<const roads::Road*>& roads, const GraphOptions& options,
                    Diagnostics& diagnostics) {
  Pieces out;
  for (std::size_t r = 0; r < roads.size(); ++r) {
    const auto& geometry = roads[r]->geometry;
    for (int i = 0; i < geometry.num_geometries(); ++i) {
      auto points = geometry.part_points(i);
      if (points.size() < 2 || stretch_length(points, 0, points.size() - 1) <= options.snap_tolerance_m * 1e-3) {
        diagnostics.record(finding("network.zero_length", Severity::Warning,
                                   "zero-length road lines", "skipped", *roads[r]),
                           roads[r]->fid);
        continue;
      }
      out.lines.push_back(Line{.road_index = r, .part = i, .points = std::move(points)});
    }
  }
  if (options.noding == Noding::Crossings) put_in_crossings(out.lines, roads, options.snap_tolerance_m);
  // Shared-vertex noding: how many line vertices sit on each exact position and level. A bridge
  // or tunnel is on a level of its own, so it meets ground roads only at its ends (where the
  // level rules below join a lone end to the ground), while ramps merging onto a viaduct meet it.
  const bool split = options.noding != Noding::Endpoints;
  std::unordered_map<VertexKey, int, VertexKeyHash> uses;
  if (split) {
    for (const auto& line : out.lines) {
      const int z = roads[line.road_index]->z_level;
      for (const auto& p : line.points) ++uses[VertexKey{p.x, p.y, z}];
    }
    // A bridge or tunnel end alone on its level at a ground line's vertex touches down there:
    // the ground line is split at it, as at any shared vertex.
    for (const auto& line : out.lines) {
      const int z = roads[line.road_index]->z_level;
      if (z == 0) continue;
      for (const geom::XY p : {line.points.front(), line.points.back()}) {
        const auto ground = uses.find(VertexKey{p.x, p.y, 0});
        if (uses[VertexKey{p.x, p.y, z}] == 1 && ground != uses.end()) ++ground->second;
      }
    }
  }
  for (std::uint32_t l = 0; l < out.lines.size(); ++l) {
    const Line& line = out.lines[l];
    const int z = roads[line.road_index]->z_level;
    std::size_t first = 0;
    const std::size_t last = line.points.size() - 1;
    for (std::size_t v = 1; v <= last; ++v) {
      const bool junction = v == last || (!line.split_at.empty() && line.split_at[v]) ||
                            (split && uses[VertexKey{line.points[v].x, line.points[v].y, z}] > 1);
      if (!junction) continue;
      const double length_m = stretch_length(line.points, first, v);
      if (length_m > 0.0) {  // a repeated vertex makes no edge
        out.parts.push_back(Part{l, length_m, static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(v)});
      }
      first = v;
    }
  }
  return out;
}

/// Each line end's cluster; clusters are numbered in order of their first end.
struct Clusters {
  std::vector<std::uint32_t> of_end;
  std::uint32_t count = 0;
};

// Clusters line ends within the tolerance. Ends are sorted into grid cells one tolerance wide,
// so only the cell itself and the neighbouring cells after it need checking, each pair once.
Clusters cluster_ends(const std::vector<LineEnd>& ends, double tol) {
  const double cell = std::max(tol, 1e-9);
  struct Entry {
    std::int64_t cx, cy;
    double x, y;
    std::uint32_t end;
  };
  std::vector<Entry> entries(ends.size());
  for (std::uint32_t i = 0; i < ends.size(); ++i) {
    const geom::XY& xy = ends[i].xy;
    entries[i] = Entry{static_cast<std::int64_t>(std::floor(xy.x / cell)),
                       static_cast<std::int64_t>(std::floor(xy.y / cell)), xy.x, xy.y, i};
  }
  // Within a cell, ends at the same position are next to each other: they join at once, and
  // only the first of them is compared with others, so thousands of roads meeting at one point
  // cost a sort, not a comparison per pair.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.cx, a.cy, a.x, a.y, a.end) < std::tie(b.cx, b.cy, b.x, b.y, b.end);
  });
  // The occupied cells in (x, y) order, as runs of entries.
  struct Run {
    std::int64_t cx, cy;
    std::uint32_t begin, end;
  };
  std::vector<Run> runs;
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    if (runs.empty() || entries[i].cx != runs.back().cx || entries[i].cy != runs.back().cy) {
      runs.push_back(Run{entries[i].cx, entries[i].cy, i, i});
    }
    runs.back().end = i + 1;
  }
  UnionFind sets(ends.size());
  std::vector<bool> repeat(entries.size(), false);  // same position as the entry before
  for (std::uint32_t i = 1; i < entries.size(); ++i) {
    if (entries[i - 1].x == entries[i].x && entries[i - 1].y == entries[i].y) {
      repeat[i] = true;
      sets.unite(entries[i - 1].end, entries[i].end);
    }
  }
  const auto join_near = [&](const Run& a, const Run& b) {
    for (std::uint32_t i = a.begin; i < a.end; ++i) {
      if (repeat[i]) continue;
      for (std::uint32_t j = std::max(b.begin, i + 1); j < b.end; ++j) {
        if (!repeat[j] && std::hypot(entries[i].x - entries[j].x, entries[i].y - entries[j].y) <= tol) {
          sets.unite(entries[i].end, entries[j].end);
        }
      }
    }
  };
  const auto before = [](const Run& r, std::int64_t cx, std::int64_t cy) { return std::tie(r.cx, r.cy) < std::tie(cx, cy); };
  // Each cell with itself and the four neighbours after it in (x, y) order: every pair of
  // cells once. The cell above is the next run if occupied; the three in the next column are
  // found by a second cursor, which only moves forward as the first does.
  std::size_t next_column = 0;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const Run& here = runs[r];
    join_near(here, here);
    if (r + 1 < runs.size() && runs[r + 1].cx == here.cx && runs[r + 1].cy == here.cy + 1) join_near(here, runs[r + 1]);
    while (next_column < runs.size() && before(runs[next_column], here.cx + 1, here.cy - 1)) ++next_column;
    for (std::size_t q = next_column; q < runs.size() && before(runs[q], here.cx + 1, here.cy + 2); ++q) {
      join_near(here, runs[q]);
    }
  }
  Clusters out;
  out.of_end.resize(ends.size());
  std::vector<std::uint32_t> id_of_root(ends.size(), UINT32_MAX);
  for (std::size_t i = 0; i < ends.size(); ++i) {
    std::uint32_t& id = id_of_root[sets.find(i)];
    if (id == UINT32_MAX) id = out.count++;
    out.of_end[i] = id;
  }
  return out;
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
    const int own = z;  // a named copy: clang before 16 cannot capture a structured binding
    for (const auto& [level, unused] : junctions) {
      const auto rank = [own](int l) { return std::make_tuple(l != 0, std::abs(l - own), l); };
      if (rank(level) < rank(best)) best = level;
    }
    junctions[best].push_back(members.front());
  }
  std::vector<std::vector<std::size_t>> out;
  for (auto& [z, members] : junctions) out.push_back(std::move(members));
  return out;
}

// Two links between the same junctions with the same length (to the millimetre) are most likely
// one road digitised twice. Reported in edge order, each after the first of its kind. Links are
// grouped by their lower junction (a counting sort), so only the few links at one junction are
// compared, not the whole network sorted.
void report_duplicates(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                       Diagnostics& diagnostics) {
  const auto& edges = graph.edges();
  const auto lower = [&](const Edge& e) { return std::min(e.from.value(), e.to.value()); };
  std::vector<std::uint32_t> offsets(graph.node_count() + 1, 0);
  for (const Edge& e : edges) ++offsets[lower(e) + 1];
  for (std::size_t n = 0; n < graph.node_count(); ++n) offsets[n + 1] += offsets[n];
  std::vector<std::uint32_t> by_lower(edges.size());
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t i = 0; i < edges.size(); ++i) by_lower[fill[lower(edges[i])]++] = i;

  using Key = std::tuple<std::uint32_t, long long, std::uint32_t>;  // upper junction, mm, edge
  std::vector<Key> keys;
  std::vector<std::uint32_t> repeats;
  for (std::size_t n = 0; n < graph.node_count(); ++n) {
    keys.clear();
    for (std::uint32_t k = offsets[n]; k < offsets[n + 1]; ++k) {
      const Edge& e = edges[by_lower[k]];
      keys.emplace_back(std::max(e.from.value(), e.to.value()), std::llround(e.length_m * 1000.0), by_lower[k]);
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t k = 1; k < keys.size(); ++k) {
      if (std::get<0>(keys[k]) == std::get<0>(keys[k - 1]) && std::get<1>(keys[k]) == std::get<1>(keys[k - 1])) {
        repeats.push_back(std::get<2>(keys[k]));
      }
    }
  }
  std::sort(repeats.begin(), repeats.end());
  for (const auto i : repeats) {
    const roads::Road& road = *roads[edges[i].road_index];
    diagnostics.record(finding("network.duplicate_link", Severity::Warning,
                               "road lines that repeat another between the same junctions",
                               "kept (both carry traffic)", road),
                       road.fid);
  }
}

double distance_to(std::span<const geom::XY> line, geom::XY p) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    best = std::min(best, geom::distance_to_segment(p, line[i], line[i + 1]));
  }
  return best;
}

// A dead end close to another road it does not meet: the line probably stops short of it.
// Dead ends are few, links many: the dead ends' surroundings are indexed and each link's box
// looked up in that small index, rather than an index of every link built for a few lookups.
void report_dangles(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                    const Pieces& pieces, const std::vector<std::size_t>& part_of_edge,
                    double within_m, Diagnostics& diagnostics) {
  if (within_m <= 0.0 || graph.edge_count() == 0) return;
  std::vector<std::uint32_t> dead_ends;
  std::vector<Extent> around;
  for (std::uint32_t n = 0; n < graph.node_count(); ++n) {
    if (graph.degree(NodeId(n)) != 1) continue;
    const geom::XY xy = graph.node(NodeId(n)).xy;
    dead_ends.push_back(n);
    around.push_back(Extent{xy.x - within_m, xy.y - within_m, xy.x + within_m, xy.y + within_m});
  }
  if (dead_ends.empty()) return;
  const index::BoxIndex index(around);
  std::vector<char> near(dead_ends.size(), 0);
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    const Edge& e = graph.edges()[i];
    const auto points = pieces.points(pieces.parts[part_of_edge[i]]);
    Extent box;
    for (const auto& p : points) box.add(p.x, p.y);
    for (const std::size_t d : index.query(box)) {
      const std::uint32_t n = dead_ends[d];
      if (near[d] || e.from.value() == n || e.to.value() == n) continue;
      if (distance_to(points, graph.node(NodeId(n)).xy) <= within_m) near[d] = 1;
    }
  }
  std::vector<std::uint32_t> edge_at(graph.node_count());  // a dead end's one edge
  for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
    edge_at[graph.edges()[i].from.value()] = i;
    edge_at[graph.edges()[i].to.value()] = i;
  }
  for (std::size_t d = 0; d < dead_ends.size(); ++d) {
    if (!near[d]) continue;
    const roads::Road& road = *roads[graph.edges()[edge_at[dead_ends[d]]].road_index];
    diagnostics.record(finding("network.dangling_end", Severity::Warning,
                               "dead ends within dangle_check_m of a road they do not meet "
                               "(lines stopping short?)",
                               "flagged", road),
                       road.fid);
  }
}

/// A junction: the ends that meet there, as a range of a shared list.
struct Junction {
  geom::XY xy;
  int z_level = 0;
  std::uint32_t first = 0;  ///< into the member list
  std::uint32_t count = 0;
};

// Junctions from clusters of ends split by level, each placed at its lowest (x, y) end so the
// node position does not depend on input order. `members` receives the ends of each junction.
std::vector<Junction> make_junctions(const std::vector<LineEnd>& ends, const Clusters& clusters,
                                     std::vector<std::uint32_t>& members,
                                     std::vector<std::size_t>& unjoined,
                                     std::vector<std::size_t>& snapped) {
  // The ends of each cluster, ascending (a counting sort by cluster).
  std::vector<std::uint32_t> offsets(clusters.count + 1, 0);
  for (const auto c : clusters.of_end) ++offsets[c + 1];
  for (std::size_t c = 0; c < clusters.count; ++c) offsets[c + 1] += offsets[c];
  std::vector<std::uint32_t> by_cluster(ends.size());
  std::vector<std::uint32_t> fill(offsets.begin(), offsets.end() - 1);
  for (std::uint32_t i = 0; i < ends.size(); ++i) by_cluster[fill[clusters.of_end[i]]++] = i;

  std::vector<Junction> out;
  out.reserve(clusters.count);
  members.clear();
  members.reserve(ends.size());
  const auto add = [&](auto begin, auto end) {
    Junction j{.xy = {}, .z_level = ends[*begin].z_level, .first = static_cast<std::uint32_t>(members.size()),
               .count = static_cast<std::uint32_t>(end - begin)};
    const auto lowest = *std::min_element(begin, end, [&](auto a, auto b) {
      return std::tie(ends[a].xy.x, ends[a].xy.y) < std::tie(ends[b].xy.x, ends[b].xy.y);
    });
    j.xy = ends[lowest].xy;
    const bool was_snapped = std::any_of(begin, end, [&](auto i) { return !(ends[i].xy == j.xy); });
    for (auto it = begin; it != end; ++it) {
      members.push_back(static_cast<std::uint32_t>(*it));
      if (was_snapped) snapped.push_back(*it);
      // The junction's level: the one nearest the ground.
      if (std::abs(ends[*it].z_level) < std::abs(j.z_level)) j.z_level = ends[*it].z_level;
    }
    out.push_back(j);
  };
  for (std::uint32_t c = 0; c < clusters.count; ++c) {
    const auto begin = by_cluster.begin() + offsets[c], end = by_cluster.begin() + offsets[c + 1];
    const bool one_level = std::all_of(begin, end, [&](auto i) { return ends[i].z_level == ends[*begin].z_level; });
    if (one_level) {  // nearly every junction
      add(begin, end);
      continue;
    }
    const std::vector<std::size_t> cluster(begin, end);
    for (const auto& group : split_by_level(ends, cluster, unjoined)) add(group.begin(), group.end());
  }
  return out;
}

// Position along a Hilbert curve through the plane in one-metre cells (absolute coordinates,
// so a junction's key does not depend on the extent of the other data).
std::uint64_t hilbert_key(geom::XY xy) {
  const auto cell = [](double v) {
    const double shifted = std::floor(v) + 2147483648.0;  // 2^31: negative coordinates too
    return static_cast<std::uint32_t>(std::clamp(shifted, 0.0, 4294967295.0));
  };
  std::uint64_t x = cell(xy.x), y = cell(xy.y), key = 0;
  for (std::uint64_t s = std::uint64_t{1} << 31; s > 0; s >>= 1) {
    const std::uint64_t rx = (x & s) != 0 ? 1 : 0;
    const std::uint64_t ry = (y & s) != 0 ? 1 : 0;
    key += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {  // rotate the quadrant so the curve stays continuous
      if (rx == 1) {  // (flipping the higher bits too is harmless: they are not read again)
        x = 0xFFFFFFFFU - x;
        y = 0xFFFFFFFFU - y;
      }
      std::swap(x, y);
    }
  }
  return key;
}

// Node ids along a Hilbert curve: junctions near each other get nearby ids, so a search walking
// the network reads memory that is mostly already cached (at 100 000 junctions a search takes
// half the time it took with ids in sorted-coordinate order). Ties: coordinates, then level.
std::vector<std::uint32_t> hilbert_order(const std::vector<Junction>& junctions) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
  keyed.reserve(junctions.size());
  for (std::uint32_t j = 0; j < junctions.size(); ++j) keyed.emplace_back(hilbert_key(junctions[j].xy), j);
  std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const Junction& ja = junctions[a.second];
    const Junction& jb = junctions[b.second];
    return std::tie(a.first, ja.xy.x, ja.xy.y, ja.z_level) < std::tie(b.first, jb.xy.x, jb.xy.y, jb.z_level);
  });
  std::vector<std::uint32_t> order;
  order.reserve(keyed.size());
  for (const auto& [key, j] : keyed) order.push_back(j);
  return order;
}

// The pieces that begin and end at one junction and lie wholly within the snap tolerance of the
// line ends that met there: a sliver of a line (a 2 mm stub between two roads, or a chain of
// ends each within the tolerance of the next), the stretch between two crossings closer than the
// tolerance, or one made by rounding where a line ends on another. As links they would be loops
// from the junction to itself, each counted as a cycle; a real loop road reaches farther.
std::vector<char> slivers(const Pieces& pieces, const std::vector<Junction>& junctions,
                          const std::vector<std::uint32_t>& members, const std::vector<LineEnd>& ends,
                          const std::vector<std::uint32_t>& junction_of_end, double tolerance_m) {
  std::vector<char> out(pieces.parts.size(), 0);
  for (std::size_t p = 0; p < pieces.parts.size(); ++p) {
    const std::uint32_t j = junction_of_end[2 * p];
    if (j != junction_of_end[2 * p + 1]) continue;
    const auto met = std::span(members).subspan(junctions[j].first, junctions[j].count);
    const auto near_an_end = [&](const geom::XY& q) {
      return std::any_of(met.begin(), met.end(), [&](std::uint32_t m) {
        return std::hypot(q.x - ends[m].xy.x, q.y - ends[m].xy.y) <= tolerance_m;
      });
    };
    const auto points = pieces.points(pieces.parts[p]);
    out[p] = std::all_of(points.begin(), points.end(), near_an_end);
  }
  return out;
}

// A link's length as edge_points() draws it: an end inside a segment (crossings noding) is its
// junction's point, which differs from where the line was split when crossings closer than the
// snap tolerance share one junction. Elsewhere it is the part's own length.
double drawn_length(const Pieces& pieces, const Part& part, const geom::XY* start_at, const geom::XY* end_at) {
  if (start_at == nullptr && end_at == nullptr) return part.length_m;
  const auto points = pieces.points(part);
  std::vector<geom::XY> drawn(points.begin(), points.end());
  if (start_at != nullptr) drawn.front() = *start_at;
  if (end_at != nullptr) drawn.back() = *end_at;
  return stretch_length(drawn, 0, drawn.size() - 1);
}

}  // namespace

RoadGraph build_graph(const std::vector<const roads::Road*>& roads, const GraphOptions& options,
                      Diagnostics& diagnostics) {
  const Pieces pieces = collect_parts(roads, options, diagnostics);
  const auto road_of = [&](std::size_t part) -> const roads::Road& {
    return *roads[pieces.lines[pieces.parts[part].line].road_index];
  };
  std::vector<LineEnd> ends;
  ends.reserve(pieces.parts.size() * 2);
  for (std::size_t p = 0; p < pieces.parts.size(); ++p) {
    const int z = road_of(p).z_level;
    ends.push_back(LineEnd{pieces.start(pieces.parts[p]), z});
    ends.push_back(LineEnd{pieces.end(pieces.parts[p]), z});
  }

  std::vector<std::uint32_t> members;
  std::vector<std::size_t> unjoined, snapped;
  const std::vector<Junction> junctions =
      make_junctions(ends, cluster_ends(ends, options.snap_tolerance_m), members, unjoined, snapped);
  for (const auto i : snapped) {
    diagnostics.record(finding("network.snapped", Severity::Info, "line ends joined across a small gap",
                               "snapped", road_of(i / 2)),
                       road_of(i / 2).fid);
  }
  for (const auto i : unjoined) {
    diagnostics.record(finding("network.level_mismatch", Severity::Warning,
                               "ground-level line ends under a grade-separated junction",
                               "not joined", road_of(i / 2)),
                       road_of(i / 2).fid);
  }

  std::vector<std::uint32_t> junction_of_end(ends.size());
  for (std::uint32_t j = 0; j < junctions.size(); ++j) {
    for (std::uint32_t m = 0; m < junctions[j].count; ++m) junction_of_end[members[junctions[j].first + m]] = j;
  }
  const std::vector<char> sliver = slivers(pieces, junctions, members, ends, junction_of_end, options.snap_tolerance_m);
  std::vector<std::uint32_t> links_at(junctions.size(), 0);  // ends of kept pieces per junction
  for (std::size_t p = 0; p < pieces.parts.size(); ++p) {
    if (sliver[p]) {
      diagnostics.record(finding("network.sliver", Severity::Warning,
                                 "road pieces within the snap tolerance of one junction at both "
                                 "ends (slivers, or crossings closer than the tolerance)",
                                 "skipped", road_of(p)),
                         road_of(p).fid);
      continue;
    }
    ++links_at[junction_of_end[2 * p]];
    ++links_at[junction_of_end[2 * p + 1]];
  }

  // A junction left with no link (only slivers met there) is no node: it would count as a
  // component of its own.
  std::vector<Node> nodes;
  nodes.reserve(junctions.size());
  std::vector<NodeId> node_of_end(ends.size());
  std::vector<NodeId> node_of_junction(junctions.size());
  for (const std::uint32_t j : hilbert_order(junctions)) {
    if (links_at[j] == 0) continue;
    node_of_junction[j] = NodeId(static_cast<std::uint32_t>(nodes.size()));
    nodes.push_back(Node{junctions[j].xy, junctions[j].z_level});
  }
  for (std::size_t e = 0; e < ends.size(); ++e) node_of_end[e] = node_of_junction[junction_of_end[e]];

  std::vector<Edge> edges;
  edges.reserve(pieces.parts.size());
  std::vector<std::size_t> part_of_edge;
  for (std::size_t p = 0; p < pieces.parts.size(); ++p) {
    if (sliver[p]) continue;
    part_of_edge.push_back(p);
    const Part& part = pieces.parts[p];
    const roads::Road& road = road_of(p);
    const double speed_ms = road.speed_kmh / 3.6;
    const Position start = pieces.lines[part.line].position(part.first_vertex);
    const Position end = pieces.lines[part.line].position(part.last_vertex);
    const double length_m = drawn_length(pieces, part, start.fraction > 0.0 ? &nodes[node_of_end[2 * p].value()].xy : nullptr,
                                         end.fraction > 0.0 ? &nodes[node_of_end[2 * p + 1].value()].xy : nullptr);
    edges.push_back(Edge{.from = node_of_end[2 * p],
                         .to = node_of_end[2 * p + 1],
                         .road_index = pieces.lines[part.line].road_index,
                         .part = pieces.lines[part.line].part,
                         .length_m = length_m,
                         .time_s = length_m / speed_ms,
                         .forward = road.oneway != roads::Oneway::Backward,
                         .backward = road.oneway != roads::Oneway::Forward,
                         .first_vertex = start.vertex,
                         .last_vertex = end.vertex,
                         .start_fraction = start.fraction,
                         .end_fraction = end.fraction});
  }
  RoadGraph graph(std::move(nodes), std::move(edges));
  report_duplicates(graph, roads, diagnostics);
  report_dangles(graph, roads, pieces, part_of_edge, options.dangle_check_m, diagnostics);
  return graph;
}

Noding parse_noding(std::string_view text) {
  if (text == "endpoints") return Noding::Endpoints;
  if (text == "shared-vertices") return Noding::SharedVertices;
  if (text == "crossings") return Noding::Crossings;
  throw ConfigError("noding '" + std::string(text) + "' is not one of endpoints, shared-vertices, crossings");
}

std::vector<geom::XY> edge_points(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                                  EdgeId id) {
  const Edge& e = graph.edge(id);
  auto points = roads[e.road_index]->geometry.part_points(e.part);
  // An end inside a segment (crossings noding) is the junction's point.
  std::vector<geom::XY> out{e.start_fraction > 0.0 ? graph.node(e.from).xy : points[e.first_vertex]};
  out.insert(out.end(), points.begin() + e.first_vertex + 1, points.begin() + e.last_vertex + 1);
  if (e.end_fraction > 0.0) out.push_back(graph.node(e.to).xy);
  return out;
}

geom::Geometry edge_geometry(const RoadGraph& graph, const std::vector<const roads::Road*>& roads,
                             EdgeId id) {
  return geom::Geometry::line_string(roads[graph.edge(id).road_index]->geometry.context(),
                                     edge_points(graph, roads, id));
}

}  // namespace cx::network
