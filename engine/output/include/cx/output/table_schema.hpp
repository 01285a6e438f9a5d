#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cx/io/field_value.hpp"

namespace cx::output {

enum class ColumnType { Integer, Real, Text };
/// Geometry: any type (a layer copied from elsewhere, whose type is not known in advance).
enum class GeometryKind { None, Point, LineString, MultiLineString, Polygon, MultiPolygon, Geometry };

struct Column {
  std::string name;  ///< lowercase ASCII snake_case
  ColumnType type = ColumnType::Text;
};

/// One output table, declared once by the analysis that fills it. The writer refuses rows that
/// do not fit (wrong number or type of values).
struct TableSchema {
  std::string name;         ///< table / layer name in the GeoPackage
  GeometryKind geometry = GeometryKind::None;
  std::vector<Column> columns;
  std::string description;  ///< goes to gpkg_contents.description
};

/// One row: values in column order and, for spatial tables, the geometry as 2D ISO WKB
/// (empty = NULL geometry).
struct Row {
  std::vector<io::FieldValue> values;
  std::vector<std::uint8_t> wkb;
};

/// A table's rows made on demand, so a large table is never in memory whole: `row(i)` is
/// called once for each i = 0, 1, …, count − 1, in that order, from one thread that need not
/// be the caller's (the writer makes rows ahead while it stores earlier ones).
struct RowSource {
  std::size_t count = 0;
  std::function<Row(std::size_t)> row;
};

/// Throws cx::InternalError when `row` does not fit `schema` (a bug in the analysis).
void check_row(const TableSchema& schema, const Row& row);

}  // namespace cx::output
