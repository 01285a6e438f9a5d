#include "cx/output/table_schema.hpp"

#include "cx/core/error.hpp"

namespace cx::output {

void check_row(const TableSchema& schema, const Row& row) {
  if (row.values.size() != schema.columns.size()) {
    throw InternalError("table '" + schema.name + "': row has " +
                        std::to_string(row.values.size()) + " values for " +
                        std::to_string(schema.columns.size()) + " columns");
  }
  for (std::size_t i = 0; i < row.values.size(); ++i) {
    const auto& v = row.values[i];
    if (io::is_null(v)) continue;
    const ColumnType type = schema.columns[i].type;
    const bool fits = (type == ColumnType::Integer && std::holds_alternative<std::int64_t>(v)) ||
                      (type == ColumnType::Real && std::holds_alternative<double>(v)) ||
                      (type == ColumnType::Text && std::holds_alternative<std::string>(v));
    if (!fits) {
      throw InternalError("table '" + schema.name + "': value of column '" +
                          schema.columns[i].name + "' has the wrong type");
    }
  }
  if (schema.geometry == GeometryKind::None && !row.wkb.empty()) {
    throw InternalError("table '" + schema.name + "' has no geometry column");
  }
}

}  // namespace cx::output
