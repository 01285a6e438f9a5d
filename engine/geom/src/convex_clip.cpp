#include "cx/geom/convex_clip.hpp"

#include <algorithm>
#include <cmath>

#include <geos_c.h>

namespace cx::geom {
namespace {

double cross(XY o, XY a, XY b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Drops repeated points (and the closing point) so each vertex appears once.
std::vector<XY> distinct(const std::vector<XY>& points) {
  std::size_t count = 0;  // counted first, so the result (often kept for long) has no slack
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i == 0 || !(points[i - 1] == points[i])) ++count;
  }
  std::vector<XY> out;
  out.reserve(count);
  for (const XY& p : points) {
    if (out.empty() || !(out.back() == p)) out.push_back(p);
  }
  while (out.size() > 1 && out.front() == out.back()) out.pop_back();
  return out;
}

// Whether every point of `other` lies on or to the right of some edge of the counter-clockwise
// ring `ring` (outside it).
bool has_separating_edge(const std::vector<XY>& ring, const std::vector<XY>& other) {
  for (std::size_t k = 0; k < ring.size(); ++k) {
    const XY& from = ring[k];
    const XY& to = ring[(k + 1) % ring.size()];
    const bool all_outside = std::all_of(other.begin(), other.end(),
                                         [&](const XY& p) { return cross(from, to, p) <= 0.0; });
    if (all_outside) return true;
  }
  return false;
}

}  // namespace

bool convex_interiors_disjoint(const std::vector<XY>& a, const std::vector<XY>& b) {
  return has_separating_edge(a, b) || has_separating_edge(b, a);
}

double ring_area(const std::vector<XY>& ring) {
  if (ring.size() < 3) return 0.0;
  // Relative to the first vertex: projected coordinates are large (millions of metres), and
  // their products would lose the square centimetres that matter.
  const XY o = ring.front();
  double twice = 0.0;
  for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
    twice += (ring[i].x - o.x) * (ring[i + 1].y - o.y) - (ring[i + 1].x - o.x) * (ring[i].y - o.y);
  }
  return twice / 2.0;
}

std::optional<std::vector<XY>> convex_ring(const Geometry& g) {
  const GEOSContextHandle_t h = g.context().handle();
  const GEOSGeometry* polygon = g.raw();
  // A multi-polygon of one part (as GeoPackage layers often store parcels) is that part.
  if (g.type() == GeometryType::MultiPolygon && g.num_geometries() == 1) {
    polygon = GEOSGetGeometryN_r(h, polygon, 0);
  } else if (g.type() != GeometryType::Polygon) {
    return std::nullopt;
  }
  if (GEOSisEmpty_r(h, polygon) != 0 || GEOSGetNumInteriorRings_r(h, polygon) != 0) {
    return std::nullopt;
  }
  const GEOSGeometry* shell = GEOSGetExteriorRing_r(h, polygon);
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, shell);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(h, seq, &size);
  std::vector<XY> points(size);
  for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(h, seq, i, &points[i].x, &points[i].y);
  std::vector<XY> ring = distinct(points);
  if (ring.size() < 3) return std::nullopt;
  if (ring_area(ring) < 0.0) std::reverse(ring.begin(), ring.end());
  // Convex: every turn goes left (collinear points allowed).
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    if (cross(ring[i], ring[(i + 1) % n], ring[(i + 2) % n]) < 0.0) return std::nullopt;
  }
  return ring;
}

std::vector<XY> clip_convex(const std::vector<XY>& subject, const std::vector<XY>& clip) {
  // Clipping a convex ring by one edge adds at most one point, so two buffers of this size hold every
  // stage: the stages pass between them instead of allocating a vector per edge (this runs
  // once per parcel and right-of-way, millions of times in a city).
  const std::size_t most = subject.size() + clip.size();
  std::vector<XY> from(subject);
  from.reserve(most);
  std::vector<XY> to;
  to.reserve(most);
  for (std::size_t e = 0, n = clip.size(); e < n && !from.empty(); ++e) {
    const XY a = clip[e];
    const XY b = clip[(e + 1) % n];
    to.clear();
    for (std::size_t i = 0, m = from.size(); i < m; ++i) {
      const XY p = from[i];
      const XY q = from[(i + 1) % m];
      const double dp = cross(a, b, p);  // >= 0: inside (left of a→b)
      const double dq = cross(a, b, q);
      if (dp >= 0.0) to.push_back(p);
      if ((dp >= 0.0) != (dq >= 0.0)) {
        const double t = dp / (dp - dq);
        to.push_back({p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)});
      }
    }
    from.swap(to);
  }
  return distinct(from);
}

}  // namespace cx::geom
