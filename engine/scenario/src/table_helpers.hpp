#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/overlay/land_take.hpp"
#include "cx/io/field_value.hpp"
#include "cx/output/table_schema.hpp"

namespace cx::scenario::detail {

/// One output table with its rows, sorted by stable key; a large table instead gives a
/// `source` that makes its rows in key order while they are written.
struct OutputTable {
  output::TableSchema schema;
  std::vector<output::Row> rows;
  output::RowSource source{};  ///< used when source.row is set (then rows is empty)
};

inline io::FieldValue text(std::string v) { return io::FieldValue{std::move(v)}; }
inline io::FieldValue integer(std::int64_t v) { return io::FieldValue{v}; }
inline io::FieldValue real(double v) { return io::FieldValue{v}; }
inline io::FieldValue optional_real(std::optional<double> v) {
  return v ? real(*v) : io::FieldValue{};
}

/// Sorts rows by their first column, the stable key every table starts with.
inline void sort_by_key(std::vector<output::Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const output::Row& a, const output::Row& b) {
    return std::get<std::string>(a.values[0]) < std::get<std::string>(b.values[0]);
  });
}

/// A polygonal geometry as MultiPolygon WKB (the type declared by polygon tables). A polygon is
/// written as a multi-polygon of one part without copying it in GEOS first.
inline std::vector<std::uint8_t> multi_polygon_wkb(const geom::Geometry& g) {
  std::vector<std::uint8_t> out;
  const geom::GeometryType type = g.type();
  if (type == geom::GeometryType::MultiPolygon) {
    g.append_wkb(out);
  } else if (type == geom::GeometryType::Polygon && !g.is_empty()) {
    out = {1, 6, 0, 0, 0, 1, 0, 0, 0};  // little-endian MultiPolygon header, one part
    g.append_wkb(out);
  } else {
    g.polygonal_parts().append_wkb(out);  // a collection: its polygons, or MULTIPOLYGON EMPTY
  }
  return out;
}

/// A land-take piece as MultiPolygon WKB.
inline std::vector<std::uint8_t> multi_polygon_wkb(const overlay::TakePiece& piece) {
  if (!piece.convex.empty()) {
    std::vector<std::uint8_t> out = {1, 6, 0, 0, 0, 1, 0, 0, 0};  // MultiPolygon, one part
    piece.append_wkb(out);
    return out;
  }
  return multi_polygon_wkb(piece.geometry);
}

/// Area columns in m², ha and 亩, from m².
inline std::vector<io::FieldValue> area_values(double area_m2) {
  return {real(area_m2), real(area_m2 / 10000.0), real(area_m2 * 3.0 / 2000.0)};
}

}  // namespace cx::scenario::detail
