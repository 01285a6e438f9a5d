#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cx/core/extent.hpp"
#include "cx/geom/geos_context.hpp"

struct GEOSGeom_t;

namespace cx::geom {

struct XY {
  double x = 0.0;
  double y = 0.0;
  friend bool operator==(const XY&, const XY&) = default;
};

enum class GeometryType {
  Point, LineString, LinearRing, Polygon, MultiPoint, MultiLineString, MultiPolygon, Collection
};

/// An owned GEOS geometry. Move-only; destroyed through the context that made it. All lengths
/// and areas are in the units of the CRS the coordinates are in (metres in the working CRS).
/// Not thread-safe: use it only on the thread that owns its context.
/// Appends the 2D ISO WKB (little-endian) of the polygon with the single ring `open_ring`
/// (without its closing point, which is written), exactly as Geometry::polygon(...).to_wkb()
/// would, without making a GEOS geometry.
void append_ring_polygon_wkb(std::vector<std::uint8_t>& out, std::span<const XY> open_ring);
/// Appends the 2D ISO WKB (little-endian) of a point, as Geometry::point(...).to_wkb() would.
void append_point_wkb(std::vector<std::uint8_t>& out, XY point);
[[nodiscard]] std::vector<std::uint8_t> point_wkb(XY point);
/// Appends the 2D ISO WKB (little-endian) of a line string through `points`, as
/// Geometry::line_string(...).to_wkb() would.
void append_line_wkb(std::vector<std::uint8_t>& out, std::span<const XY> points);

class Geometry {
public:
  Geometry() = default;
  /// Takes ownership of `raw` (made on `ctx`). Throws GeometryError when `raw` is null.
  Geometry(const GeosContext& ctx, GEOSGeom_t* raw, const char* operation);
  ~Geometry();
  Geometry(Geometry&& other) noexcept;
  Geometry& operator=(Geometry&& other) noexcept;
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;

  /// Reads ISO or extended WKB. Throws GeometryError on malformed input.
  static Geometry from_wkb(const GeosContext& ctx, std::span<const std::uint8_t> wkb);
  /// Reads WKT. Throws GeometryError on malformed input.
  static Geometry from_wkt(const GeosContext& ctx, std::string_view wkt);
  static Geometry point(const GeosContext& ctx, XY xy);
  static Geometry line_string(const GeosContext& ctx, std::span<const XY> points);
  /// A polygon with one ring (closed: first point = last point).
  static Geometry polygon(const GeosContext& ctx, std::span<const XY> ring);
  /// A GeometryCollection (or Multi* when `multi_type` is given) taking ownership of `parts`.
  static Geometry collect(const GeosContext& ctx, std::vector<Geometry> parts,
                          GeometryType multi_type = GeometryType::Collection);

  [[nodiscard]] bool is_null() const noexcept { return m_raw == nullptr; }
  [[nodiscard]] const GEOSGeom_t* raw() const noexcept { return m_raw; }
  [[nodiscard]] const GeosContext& context() const noexcept { return *m_ctx; }
  [[nodiscard]] Geometry clone() const;
  /// A copy owned by another context (e.g. a worker thread's).
  [[nodiscard]] Geometry clone(const GeosContext& ctx) const;
  /// Hands this geometry, without copying, to another context, e.g. from a worker thread that
  /// is done with it to the thread that goes on. Sound because every GEOS context makes its
  /// geometries with GEOS's one default factory: a context only carries error reporting.
  void adopt_into(const GeosContext& ctx) noexcept { m_ctx = &ctx; }

  [[nodiscard]] std::vector<std::uint8_t> to_wkb() const;  ///< 2D ISO WKB, little-endian
  /// Appends the 2D ISO WKB (little-endian) to `out`.
  void append_wkb(std::vector<std::uint8_t>& out) const;
  [[nodiscard]] std::string to_wkt(int decimals = 3) const;

  [[nodiscard]] GeometryType type() const;
  [[nodiscard]] bool is_empty() const;
  [[nodiscard]] bool is_valid() const;
  /// GEOS's reason for invalidity ("Valid Geometry" when valid).
  [[nodiscard]] std::string invalid_reason() const;
  /// True when any coordinate is NaN or infinite.
  [[nodiscard]] bool has_non_finite_coordinates() const;
  [[nodiscard]] bool has_z() const;
  [[nodiscard]] double area() const;
  [[nodiscard]] double length() const;
  /// The discrete Hausdorff distance to `other` (GEOS, over the vertices): how far apart the
  /// two shapes are at worst.
  [[nodiscard]] double hausdorff_distance(const Geometry& other) const;
  [[nodiscard]] Extent extent() const;
  /// Computes the envelopes GEOS caches lazily, of the geometry and of every part and ring, so
  /// that threads may afterwards read this geometry at the same time without racing to fill
  /// those caches. Call it on the owning thread before sharing the geometry.
  void prime_for_sharing() const;
  [[nodiscard]] int num_geometries() const;
  /// Sub-geometry `i` of a collection, copied.
  [[nodiscard]] Geometry part(int i) const;
  /// The vertices of a LineString (or LinearRing), in order.
  [[nodiscard]] std::vector<XY> line_points() const;
  /// The vertices of line `i` of a MultiLineString, or of this LineString when i is 0 (no
  /// copy of the part is made).
  [[nodiscard]] std::vector<XY> part_points(int i) const;
  /// The rings (exterior and holes) of every polygon in this geometry, each closed; none for
  /// points and lines.
  [[nodiscard]] std::vector<std::vector<XY>> rings() const;

  /// GEOS MakeValid with the STRUCTURE method (keeps polygon area; drops collapsed parts).
  [[nodiscard]] Geometry make_valid() const;
  /// Buffer by `distance` with flat (butt) ends and mitred joins: a road's red-line corridor.
  [[nodiscard]] Geometry buffer_flat(double distance) const;
  /// The mitre limit of buffer_flat: at a sharp bend its corridor reaches this many times
  /// `distance` from the line, and never farther.
  static constexpr double flat_buffer_mitre_limit = 5.0;
  /// Everything within `distance`: round ends and joins, each quarter circle in 16 segments.
  [[nodiscard]] Geometry buffer_round(double distance) const;
  [[nodiscard]] Geometry intersection(const Geometry& other) const;
  [[nodiscard]] Geometry difference(const Geometry& other) const;
  /// Union of all polygons in a list (dissolve).
  static Geometry union_all(const GeosContext& ctx, std::vector<Geometry> parts);
  /// Joins lines that meet end to end into longer lines (GEOS LineMerge).
  [[nodiscard]] Geometry line_merge() const;
  /// Keeps only the polygonal parts, as a MultiPolygon (possibly empty).
  [[nodiscard]] Geometry polygonal_parts() const&;
  /// The same for a temporary (an overlay result), which is returned as it is, without a copy,
  /// when it is already a Polygon or MultiPolygon.
  [[nodiscard]] Geometry polygonal_parts() &&;
  /// Applies `fn` to every coordinate (x, y in, x, y out); `fn` returns false to fail.
  [[nodiscard]] Geometry transform_xy(const std::function<bool(double&, double&)>& fn) const;
  [[nodiscard]] bool intersects(const Geometry& other) const;
  /// True when the interiors cross (a bridge over a road), not when they only touch.
  [[nodiscard]] bool crosses(const Geometry& other) const;
  /// The point halfway along a line (by length).
  [[nodiscard]] XY midpoint() const;
  [[nodiscard]] double distance(const Geometry& other) const;

private:
  const GeosContext* m_ctx = nullptr;
  GEOSGeom_t* m_raw = nullptr;
};

[[nodiscard]] std::string_view to_string(GeometryType type);

}  // namespace cx::geom
