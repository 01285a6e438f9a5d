#include "cx/geom/geometry.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

#include <geos_c.h>

#include "cx/core/error.hpp"

namespace cx::geom {
namespace {

// GEOS returns 0 for "false", 1 for "true" and 2 for an exception.
bool check_predicate(const GeosContext& ctx, char result, const char* operation) {
  if (result == 2) ctx.fail(operation);
  return result == 1;
}

}  // namespace

Geometry::Geometry(const GeosContext& ctx, GEOSGeom_t* raw, const char* operation)
    : m_ctx(&ctx), m_raw(raw) {
  if (m_raw == nullptr) ctx.fail(operation);
}

Geometry::~Geometry() {
  if (m_raw != nullptr) GEOSGeom_destroy_r(m_ctx->handle(), m_raw);
}

Geometry::Geometry(Geometry&& other) noexcept
    : m_ctx(other.m_ctx), m_raw(std::exchange(other.m_raw, nullptr)) {}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
  if (this != &other) {
    if (m_raw != nullptr) GEOSGeom_destroy_r(m_ctx->handle(), m_raw);
    m_ctx = other.m_ctx;
    m_raw = std::exchange(other.m_raw, nullptr);
  }
  return *this;
}

Geometry Geometry::from_wkb(const GeosContext& ctx, std::span<const std::uint8_t> wkb) {
  GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx.handle());
  GEOSGeometry* raw = GEOSWKBReader_read_r(ctx.handle(), reader, wkb.data(), wkb.size());
  GEOSWKBReader_destroy_r(ctx.handle(), reader);
  return {ctx, raw, "WKB read"};
}

Geometry Geometry::from_wkt(const GeosContext& ctx, std::string_view wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
  const std::string text(wkt);
  GEOSGeometry* raw = GEOSWKTReader_read_r(ctx.handle(), reader, text.c_str());
  GEOSWKTReader_destroy_r(ctx.handle(), reader);
  return {ctx, raw, "WKT read"};
}

Geometry Geometry::point(const GeosContext& ctx, XY xy) {
  return {ctx, GEOSGeom_createPointFromXY_r(ctx.handle(), xy.x, xy.y), "point"};
}

Geometry Geometry::line_string(const GeosContext& ctx, std::span<const XY> points) {
  GEOSCoordSequence* seq =
      GEOSCoordSeq_create_r(ctx.handle(), static_cast<unsigned>(points.size()), 2);
  if (seq == nullptr) ctx.fail("coordinate sequence");
  for (std::size_t i = 0; i < points.size(); ++i) {
    GEOSCoordSeq_setXY_r(ctx.handle(), seq, static_cast<unsigned>(i), points[i].x, points[i].y);
  }
  return {ctx, GEOSGeom_createLineString_r(ctx.handle(), seq), "line string"};
}

Geometry Geometry::polygon(const GeosContext& ctx, std::span<const XY> ring) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx.handle(), static_cast<unsigned>(ring.size()), 2);
  if (seq == nullptr) ctx.fail("coordinate sequence");
  for (std::size_t i = 0; i < ring.size(); ++i) {
    GEOSCoordSeq_setXY_r(ctx.handle(), seq, static_cast<unsigned>(i), ring[i].x, ring[i].y);
  }
  GEOSGeometry* shell = GEOSGeom_createLinearRing_r(ctx.handle(), seq);
  if (shell == nullptr) ctx.fail("linear ring");
  return {ctx, GEOSGeom_createPolygon_r(ctx.handle(), shell, nullptr, 0), "polygon"};
}

Geometry Geometry::collect(const GeosContext& ctx, std::vector<Geometry> parts,
                           GeometryType multi_type) {
  std::vector<GEOSGeometry*> raws;
  raws.reserve(parts.size());
  for (auto& part : parts) raws.push_back(std::exchange(part.m_raw, nullptr));
  int type = GEOS_GEOMETRYCOLLECTION;
  if (multi_type == GeometryType::MultiPolygon) type = GEOS_MULTIPOLYGON;
  if (multi_type == GeometryType::MultiLineString) type = GEOS_MULTILINESTRING;
  if (multi_type == GeometryType::MultiPoint) type = GEOS_MULTIPOINT;
  return {ctx,
          GEOSGeom_createCollection_r(ctx.handle(), type, raws.data(),
                                      static_cast<unsigned>(raws.size())),
          "collect"};
}

Geometry Geometry::clone() const { return clone(*m_ctx); }

Geometry Geometry::clone(const GeosContext& ctx) const {
  return {ctx, GEOSGeom_clone_r(ctx.handle(), m_raw), "clone"};
}

namespace {

// 2D ISO WKB, little-endian, written straight from the coordinate sequences: GEOS's own writer
// goes through a std::ostream and an allocation per call, which showed in profiles of outputs
// with hundreds of thousands of pieces. The bytes are the same (checked against GEOS's writer
// in the tests).
class WkbEncoder {
public:
  WkbEncoder(GEOSContextHandle_t ctx, std::vector<std::uint8_t>& out) : m_ctx(ctx), m_out(out) {}

  void geometry(const GEOSGeometry* g) {
    const int type = GEOSGeomTypeId_r(m_ctx, g);
    m_out.push_back(1);  // NDR
    switch (type) {
      case GEOS_POINT:
        u32(1);
        if (GEOSisEmpty_r(m_ctx, g) == 1) {
          const double nan[2] = {std::nan(""), std::nan("")};
          bytes(nan, sizeof nan);
        } else {
          sequence(GEOSGeom_getCoordSeq_r(m_ctx, g), false);
        }
        return;
      case GEOS_LINESTRING:
      case GEOS_LINEARRING:
        u32(2);
        sequence(GEOSGeom_getCoordSeq_r(m_ctx, g), true);
        return;
      case GEOS_POLYGON: {
        u32(3);
        if (GEOSisEmpty_r(m_ctx, g) == 1) {
          u32(0);
          return;
        }
        const int holes = GEOSGetNumInteriorRings_r(m_ctx, g);
        u32(static_cast<std::uint32_t>(holes + 1));
        sequence(GEOSGeom_getCoordSeq_r(m_ctx, GEOSGetExteriorRing_r(m_ctx, g)), true);
        for (int i = 0; i < holes; ++i) {
          sequence(GEOSGeom_getCoordSeq_r(m_ctx, GEOSGetInteriorRingN_r(m_ctx, g, i)), true);
        }
        return;
      }
      default: {
        u32(type == GEOS_MULTIPOINT ? 4 : type == GEOS_MULTILINESTRING ? 5 : type == GEOS_MULTIPOLYGON ? 6 : 7);
        const int parts = GEOSGetNumGeometries_r(m_ctx, g);
        u32(static_cast<std::uint32_t>(parts));
        for (int i = 0; i < parts; ++i) geometry(GEOSGetGeometryN_r(m_ctx, g, i));
      }
    }
  }

private:
  void u32(std::uint32_t v) { bytes(&v, sizeof v); }

  void bytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    m_out.insert(m_out.end(), p, p + size);
  }

  void sequence(const GEOSCoordSequence* seq, bool with_count) {
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(m_ctx, seq, &size);
    if (with_count) u32(size);
    if (size == 0) return;  // an empty line: no coordinates (and no null pointers to copy from)
    const std::size_t at = m_out.size();
    m_out.resize(at + std::size_t{size} * 2 * sizeof(double));
    m_buffer.resize(std::size_t{size} * 2);
    GEOSCoordSeq_copyToBuffer_r(m_ctx, seq, m_buffer.data(), 0, 0);
    std::memcpy(m_out.data() + at, m_buffer.data(), m_buffer.size() * sizeof(double));
  }

  static_assert(std::endian::native == std::endian::little, "WKB is written little-endian");
  GEOSContextHandle_t m_ctx;
  std::vector<std::uint8_t>& m_out;
  std::vector<double> m_buffer;
};

}  // namespace

void append_ring_polygon_wkb(std::vector<std::uint8_t>& out, std::span<const XY> open_ring) {
  static_assert(sizeof(XY) == 2 * sizeof(double), "XY is two packed doubles");
  const auto points = static_cast<std::uint32_t>(open_ring.empty() ? 0 : open_ring.size() + 1);
  const std::uint32_t header[2] = {3, open_ring.empty() ? 0U : 1U};  // Polygon, ring count
  out.push_back(1);                                                  // NDR
  const auto* h = reinterpret_cast<const std::uint8_t*>(header);
  out.insert(out.end(), h, h + sizeof header);
  if (open_ring.empty()) return;
  const auto* n = reinterpret_cast<const std::uint8_t*>(&points);
  out.insert(out.end(), n, n + sizeof points);
  const auto* c = reinterpret_cast<const std::uint8_t*>(open_ring.data());
  out.insert(out.end(), c, c + open_ring.size() * sizeof(XY));
  const auto* first = reinterpret_cast<const std::uint8_t*>(&open_ring.front());
  out.insert(out.end(), first, first + sizeof(XY));
}

namespace {
template <typename T>
void append_bytes(std::vector<std::uint8_t>& out, const T& value) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(&value);
  out.insert(out.end(), bytes, bytes + sizeof(T));
}
}  // namespace

void append_point_wkb(std::vector<std::uint8_t>& out, XY point) {
  out.push_back(1);  // NDR
  append_bytes(out, std::uint32_t{1});
  append_bytes(out, point);
}

std::vector<std::uint8_t> point_wkb(XY point) {
  std::vector<std::uint8_t> out;
  out.reserve(21);
  append_point_wkb(out, point);
  return out;
}

void append_line_wkb(std::vector<std::uint8_t>& out, std::span<const XY> points) {
  out.push_back(1);  // NDR
  append_bytes(out, std::uint32_t{2});
  append_bytes(out, static_cast<std::uint32_t>(points.size()));
  const auto* c = reinterpret_cast<const std::uint8_t*>(points.data());
  out.insert(out.end(), c, c + points.size() * sizeof(XY));
}

std::vector<std::uint8_t> Geometry::to_wkb() const {
  std::vector<std::uint8_t> out;
  append_wkb(out);
  return out;
}

void Geometry::append_wkb(std::vector<std::uint8_t>& out) const {
  WkbEncoder(m_ctx->handle(), out).geometry(m_raw);
}

std::string Geometry::to_wkt(int decimals) const {
  GEOSWKTWriter* writer = GEOSWKTWriter_create_r(m_ctx->handle());
  GEOSWKTWriter_setRoundingPrecision_r(m_ctx->handle(), writer, decimals);
  GEOSWKTWriter_setTrim_r(m_ctx->handle(), writer, 1);
  char* text = GEOSWKTWriter_write_r(m_ctx->handle(), writer, m_raw);
  GEOSWKTWriter_destroy_r(m_ctx->handle(), writer);
  if (text == nullptr) m_ctx->fail("WKT write");
  std::string out(text);
  GEOSFree_r(m_ctx->handle(), text);
  return out;
}

GeometryType Geometry::type() const {
  switch (GEOSGeomTypeId_r(m_ctx->handle(), m_raw)) {
    case GEOS_POINT: return GeometryType::Point;
    case GEOS_LINESTRING: return GeometryType::LineString;
    case GEOS_LINEARRING: return GeometryType::LinearRing;
    case GEOS_POLYGON: return GeometryType::Polygon;
    case GEOS_MULTIPOINT: return GeometryType::MultiPoint;
    case GEOS_MULTILINESTRING: return GeometryType::MultiLineString;
    case GEOS_MULTIPOLYGON: return GeometryType::MultiPolygon;
    default: return GeometryType::Collection;
  }
}

bool Geometry::is_empty() const {
  return check_predicate(*m_ctx, GEOSisEmpty_r(m_ctx->handle(), m_raw), "isEmpty");
}

bool Geometry::is_valid() const {
  return check_predicate(*m_ctx, GEOSisValid_r(m_ctx->handle(), m_raw), "isValid");
}

std::string Geometry::invalid_reason() const {
  char* reason = GEOSisValidReason_r(m_ctx->handle(), m_raw);
  if (reason == nullptr) m_ctx->fail("isValidReason");
  std::string out(reason);
  GEOSFree_r(m_ctx->handle(), reason);
  return out;
}

bool Geometry::has_non_finite_coordinates() const {
  bool bad = false;
  auto probe = [&bad](double& x, double& y) {
    if (!std::isfinite(x) || !std::isfinite(y)) bad = true;
    return true;
  };
  (void)transform_xy(probe);
  return bad;
}

bool Geometry::has_z() const { return GEOSHasZ_r(m_ctx->handle(), m_raw) == 1; }

double Geometry::area() const {
  double out = 0.0;
  if (GEOSArea_r(m_ctx->handle(), m_raw, &out) == 0) m_ctx->fail("area");
  return out;
}

double Geometry::length() const {
  double out = 0.0;
  if (GEOSLength_r(m_ctx->handle(), m_raw, &out) == 0) m_ctx->fail("length");
  return out;
}

Extent Geometry::extent() const {
  Extent out;
  if (is_empty()) return out;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  if (GEOSGeom_getExtent_r(m_ctx->handle(), m_raw, &x0, &y0, &x1, &y1) == 0) m_ctx->fail("extent");
  out.add(x0, y0);
  out.add(x1, y1);
  return out;
}

namespace {
void prime(GEOSContextHandle_t h, const GEOSGeometry* g) {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  if (GEOSisEmpty_r(h, g) == 1) return;
  (void)GEOSGeom_getExtent_r(h, g, &x0, &y0, &x1, &y1);
  const int type = GEOSGeomTypeId_r(h, g);
  if (type == GEOS_POLYGON) {
    prime(h, GEOSGetExteriorRing_r(h, g));
    for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i) {
      prime(h, GEOSGetInteriorRingN_r(h, g, i));
    }
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING ||
             type == GEOS_MULTIPOINT || type == GEOS_GEOMETRYCOLLECTION) {
    for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) prime(h, GEOSGetGeometryN_r(h, g, i));
  }
}
}  // namespace

void Geometry::prime_for_sharing() const { prime(m_ctx->handle(), m_raw); }

int Geometry::num_geometries() const { return GEOSGetNumGeometries_r(m_ctx->handle(), m_raw); }

Geometry Geometry::part(int i) const {
  const GEOSGeometry* sub = GEOSGetGeometryN_r(m_ctx->handle(), m_raw, i);
  if (sub == nullptr) m_ctx->fail("getGeometryN");
  return {*m_ctx, GEOSGeom_clone_r(m_ctx->handle(), sub), "clone"};
}

namespace {
std::vector<XY> sequence_points(const GeosContext& ctx, const GEOSGeometry* line) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), line);
  if (seq == nullptr) ctx.fail("getCoordSeq");
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(ctx.handle(), seq, &size);
  std::vector<XY> out(size);
  static_assert(sizeof(XY) == 2 * sizeof(double), "XY is read as x, y pairs");
  if (size > 0) GEOSCoordSeq_copyToBuffer_r(ctx.handle(), seq, &out.front().x, 0, 0);
  return out;
}
}  // namespace

double Geometry::hausdorff_distance(const Geometry& other) const {
  double d = 0.0;
  if (GEOSHausdorffDistance_r(m_ctx->handle(), m_raw, other.m_raw, &d) != 1) m_ctx->fail("HausdorffDistance");
  return d;
}

std::vector<XY> Geometry::line_points() const { return sequence_points(*m_ctx, m_raw); }

std::vector<XY> Geometry::part_points(int i) const {
  if (type() == GeometryType::LineString || type() == GeometryType::LinearRing) {
    CX_ASSERT(i == 0);
    return line_points();
  }
  const GEOSGeometry* sub = GEOSGetGeometryN_r(m_ctx->handle(), m_raw, i);
  if (sub == nullptr) m_ctx->fail("getGeometryN");
  return sequence_points(*m_ctx, sub);
}

namespace {

void collect_rings(const GeosContext& ctx, const GEOSGeometry* g, std::vector<std::vector<XY>>& out) {
  const int type = GEOSGeomTypeId_r(ctx.handle(), g);
  if (type == GEOS_POLYGON) {
    out.push_back(sequence_points(ctx, GEOSGetExteriorRing_r(ctx.handle(), g)));
    const int holes = GEOSGetNumInteriorRings_r(ctx.handle(), g);
    for (int h = 0; h < holes; ++h) out.push_back(sequence_points(ctx, GEOSGetInteriorRingN_r(ctx.handle(), g, h)));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(ctx.handle(), g);
    for (int i = 0; i < n; ++i) collect_rings(ctx, GEOSGetGeometryN_r(ctx.handle(), g, i), out);
  }
}

}  // namespace

std::vector<std::vector<XY>> Geometry::rings() const {
  std::vector<std::vector<XY>> out;
  if (!is_empty()) collect_rings(*m_ctx, m_raw, out);
  return out;
}

Geometry Geometry::make_valid() const {
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(m_ctx->handle());
  GEOSMakeValidParams_setMethod_r(m_ctx->handle(), params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(m_ctx->handle(), params, 0);
  GEOSGeometry* raw = GEOSMakeValidWithParams_r(m_ctx->handle(), m_raw, params);
  GEOSMakeValidParams_destroy_r(m_ctx->handle(), params);
  return {*m_ctx, raw, "MakeValid"};
}

Geometry Geometry::buffer_flat(double distance) const {
  GEOSBufferParams* params = GEOSBufferParams_create_r(m_ctx->handle());
  GEOSBufferParams_setEndCapStyle_r(m_ctx->handle(), params, GEOSBUF_CAP_FLAT);
  GEOSBufferParams_setJoinStyle_r(m_ctx->handle(), params, GEOSBUF_JOIN_MITRE);
  GEOSBufferParams_setMitreLimit_r(m_ctx->handle(), params, flat_buffer_mitre_limit);
  GEOSGeometry* raw = GEOSBufferWithParams_r(m_ctx->handle(), m_raw, params, distance);
  GEOSBufferParams_destroy_r(m_ctx->handle(), params);
  return {*m_ctx, raw, "buffer"};
}

Geometry Geometry::buffer_round(double distance) const {
  return {*m_ctx, GEOSBuffer_r(m_ctx->handle(), m_raw, distance, 16), "buffer"};
}

Geometry Geometry::intersection(const Geometry& other) const {
  return {*m_ctx, GEOSIntersection_r(m_ctx->handle(), m_raw, other.m_raw), "intersection"};
}

Geometry Geometry::difference(const Geometry& other) const {
  return {*m_ctx, GEOSDifference_r(m_ctx->handle(), m_raw, other.m_raw), "difference"};
}

Geometry Geometry::union_all(const GeosContext& ctx, std::vector<Geometry> parts) {
  if (parts.empty()) return from_wkt(ctx, "MULTIPOLYGON EMPTY");
  const Geometry collection = collect(ctx, std::move(parts));
  return {ctx, GEOSUnaryUnion_r(ctx.handle(), collection.m_raw), "union"};
}

Geometry Geometry::line_merge() const {
  return {*m_ctx, GEOSLineMerge_r(m_ctx->handle(), m_raw), "line merge"};
}

Geometry Geometry::polygonal_parts() && {
  const GeometryType t = type();
  if (t == GeometryType::Polygon || t == GeometryType::MultiPolygon) return std::move(*this);
  return static_cast<const Geometry&>(*this).polygonal_parts();
}

Geometry Geometry::polygonal_parts() const& {
  std::vector<Geometry> polygons;
  const auto keep = [&polygons](const Geometry& g, auto& self) -> void {
    const GeometryType t = g.type();
    if (t == GeometryType::Polygon) {
      if (!g.is_empty()) polygons.push_back(g.clone());
    } else if (t == GeometryType::MultiPolygon || t == GeometryType::Collection) {
      for (int i = 0; i < g.num_geometries(); ++i) self(g.part(i), self);
    }
  };
  keep(*this, keep);
  return collect(*m_ctx, std::move(polygons), GeometryType::MultiPolygon);
}

namespace {
struct TransformState {
  const std::function<bool(double&, double&)>* fn;
};
int transform_trampoline(double* x, double* y, void* userdata) {
  const auto* state = static_cast<TransformState*>(userdata);
  return (*state->fn)(*x, *y) ? 1 : 0;
}
}  // namespace

Geometry Geometry::transform_xy(const std::function<bool(double&, double&)>& fn) const {
  TransformState state{&fn};
  return {*m_ctx, GEOSGeom_transformXY_r(m_ctx->handle(), m_raw, &transform_trampoline, &state),
          "transform"};
}

bool Geometry::intersects(const Geometry& other) const {
  return check_predicate(*m_ctx, GEOSIntersects_r(m_ctx->handle(), m_raw, other.m_raw),
                         "intersects");
}

bool Geometry::crosses(const Geometry& other) const {
  return check_predicate(*m_ctx, GEOSCrosses_r(m_ctx->handle(), m_raw, other.m_raw), "crosses");
}

XY Geometry::midpoint() const {
  const Geometry point(*m_ctx, GEOSInterpolateNormalized_r(m_ctx->handle(), m_raw, 0.5),
                       "interpolate");
  XY out;
  if (GEOSGeomGetX_r(m_ctx->handle(), point.m_raw, &out.x) == 0 ||
      GEOSGeomGetY_r(m_ctx->handle(), point.m_raw, &out.y) == 0) {
    m_ctx->fail("interpolate");
  }
  return out;
}

double Geometry::distance(const Geometry& other) const {
  double out = 0.0;
  if (GEOSDistance_r(m_ctx->handle(), m_raw, other.m_raw, &out) == 0) m_ctx->fail("distance");
  return out;
}

std::string_view to_string(GeometryType type) {
  switch (type) {
    case GeometryType::Point: return "Point";
    case GeometryType::LineString: return "LineString";
    case GeometryType::LinearRing: return "LinearRing";
    case GeometryType::Polygon: return "Polygon";
    case GeometryType::MultiPoint: return "MultiPoint";
    case GeometryType::MultiLineString: return "MultiLineString";
    case GeometryType::MultiPolygon: return "MultiPolygon";
    case GeometryType::Collection: return "GeometryCollection";
  }
  return "Unknown";
}

}  // namespace cx::geom
