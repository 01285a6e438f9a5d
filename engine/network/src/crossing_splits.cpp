#include "crossing_splits.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "cx/index/box_index.hpp"
#include "cx/geom/segment.hpp"

namespace cx::network {
namespace {

struct Segment {
  std::uint32_t line;
  std::uint32_t index;  ///< from vertex `index` to `index + 1`
};

double cross(geom::XY a, geom::XY b) { return a.x * b.y - a.y * b.x; }
geom::XY minus(geom::XY a, geom::XY b) { return {a.x - b.x, a.y - b.y}; }

class Splitter {
public:
  Splitter(const std::vector<std::span<const geom::XY>>& lines, const std::vector<int>& z_levels, double tolerance)
      : m_lines(lines), m_z(z_levels), m_tolerance(tolerance), m_out(lines.size()) {
    std::vector<Extent> boxes;
    for (std::uint32_t l = 0; l < lines.size(); ++l) {
      for (std::uint32_t i = 0; i + 1 < lines[l].size(); ++i) {
        Extent box;
        box.add(lines[l][i].x, lines[l][i].y);
        box.add(lines[l][i + 1].x, lines[l][i + 1].y);
        boxes.push_back(box);
        m_segments.push_back({l, i});
      }
    }
    m_index = std::make_unique<index::BoxIndex>(boxes);
  }

  std::vector<std::vector<SplitPoint>> run() {
    for (std::size_t a = 0; a < m_segments.size(); ++a) {
      const Extent box = extent_of(m_segments[a]);
      for (const std::size_t b : m_index->query(box)) {
        if (b > a && meet(m_segments[a], m_segments[b])) cross_segments(m_segments[a], m_segments[b]);
      }
    }
    for (std::uint32_t l = 0; l < m_lines.size(); ++l) {
      end_on_other_lines(l, 0);
      end_on_other_lines(l, static_cast<std::uint32_t>(m_lines[l].size() - 1));
    }
    for (auto& splits : m_out) {
      std::sort(splits.begin(), splits.end(), [](const SplitPoint& a, const SplitPoint& b) {
        return std::tie(a.segment, a.fraction) < std::tie(b.segment, b.fraction);
      });
      splits.erase(std::unique(splits.begin(), splits.end(),
                               [](const SplitPoint& a, const SplitPoint& b) {
                                 return a.segment == b.segment && a.fraction == b.fraction;
                               }),
                   splits.end());
    }
    return std::move(m_out);
  }

private:
  geom::XY from(const Segment& s) const { return m_lines[s.line][s.index]; }
  geom::XY to(const Segment& s) const { return m_lines[s.line][s.index + 1]; }

  Extent extent_of(const Segment& s) const {
    Extent box;
    box.add(from(s).x, from(s).y);
    box.add(to(s).x, to(s).y);
    return box;
  }

  // Two segments may meet: same level, and not neighbours along one line (they share a vertex
  // by construction).
  bool meet(const Segment& a, const Segment& b) const {
    if (m_z[a.line] != m_z[b.line]) return false;
    return a.line != b.line || (a.index + 1 != b.index && b.index + 1 != a.index);
  }

  // Splits segment `s` at `fraction` (0 or 1: at its vertex) at `xy`.
  void split(const Segment& s, double fraction, geom::XY xy) {
    if (fraction >= 1.0) {
      m_out[s.line].push_back({s.index + 1, 0.0, xy});
    } else {
      m_out[s.line].push_back({s.index, std::max(fraction, 0.0), xy});
    }
  }

  void cross_segments(const Segment& a, const Segment& b) {
    const geom::XY p = from(a), r = minus(to(a), p);
    const geom::XY q = from(b), s = minus(to(b), q);
    const double denominator = cross(r, s);
    if (denominator == 0.0) return;  // parallel: only ends arriving on them are split
    const geom::XY qp = minus(q, p);
    const double t = cross(qp, s) / denominator;
    const double u = cross(qp, r) / denominator;
    if (t < 0.0 || t > 1.0 || u < 0.0 || u > 1.0) return;
    // One point for both lines: a vertex where the crossing is at one, else computed on a.
    geom::XY at{p.x + t * r.x, p.y + t * r.y};
    if (t == 0.0) at = from(a);
    else if (t == 1.0) at = to(a);
    else if (u == 0.0) at = from(b);
    else if (u == 1.0) at = to(b);
    split(a, t, at);
    split(b, u, at);
  }

  // True when a line of `line`'s own level passes within the tolerance of its end `vertex`
  // (another line, or its own beyond the neighbouring segments): a span meeting the next span, or
  // a ramp ending on a viaduct. Such an end does not touch down.
  bool meets_its_level(std::uint32_t line, std::uint32_t vertex) const {
    const geom::XY e = m_lines[line][vertex];
    const Extent around{e.x - m_tolerance, e.y - m_tolerance, e.x + m_tolerance, e.y + m_tolerance};
    for (const std::size_t c : m_index->query(around)) {
      const Segment& s = m_segments[c];
      if (m_z[s.line] != m_z[line]) continue;
      if (s.line == line && (s.index == vertex || s.index + 1 == vertex)) continue;
      if (geom::distance_to_segment(e, from(s), to(s)) <= m_tolerance) return true;
    }
    return false;
  }

  // A line end within the tolerance of another line's segment (not its own neighbour): the
  // other line is split where the end arrives; the end itself is a part end already. A bridge
  // or tunnel end that meets nothing on its own level touches down: it splits ground lines too,
  // at the point under it (so that ends on either side of a gap meet one split whatever their
  // order), and the level rules then join it to the ground as at a ground junction.
  void end_on_other_lines(std::uint32_t line, std::uint32_t vertex) {
    const geom::XY e = m_lines[line][vertex];
    const bool touches_down = m_z[line] != 0 && !meets_its_level(line, vertex);
    const Extent around{e.x - m_tolerance, e.y - m_tolerance, e.x + m_tolerance, e.y + m_tolerance};
    for (const std::size_t c : m_index->query(around)) {
      const Segment& s = m_segments[c];
      const bool same_level = m_z[s.line] == m_z[line];
      if (!same_level && !(touches_down && m_z[s.line] == 0)) continue;
      if (s.line == line && (s.index == vertex || s.index + 1 == vertex)) continue;
      const geom::XY a = from(s);
      if (a == to(s)) continue;
      const auto [t, under] = geom::nearest_on_segment(e, a, to(s));
      if (std::hypot(under.x - e.x, under.y - e.y) > m_tolerance) continue;
      // On the segment's inside: put the end there (a touching-down end: the point under it);
      // at a vertex: split at the vertex, and the ends are joined within the tolerance like any
      // others.
      if (t == 0.0) split(s, 0.0, a);
      else if (t == 1.0) split(s, 1.0, to(s));
      else split(s, t, same_level ? e : under);
    }
  }

  const std::vector<std::span<const geom::XY>>& m_lines;
  const std::vector<int>& m_z;
  double m_tolerance;
  std::vector<Segment> m_segments;
  std::unique_ptr<index::BoxIndex> m_index;
  std::vector<std::vector<SplitPoint>> m_out;
};

}  // namespace

std::vector<std::vector<SplitPoint>> crossing_splits(const std::vector<std::span<const geom::XY>>& lines,
                                                     const std::vector<int>& z_levels, double tolerance) {
  return Splitter(lines, z_levels, tolerance).run();
}

}  // namespace cx::network
