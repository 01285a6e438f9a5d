#include "cx/schema/layer_schema.hpp"

#include "cx/core/error.hpp"

namespace cx::schema {

const FieldSpec* LayerSchema::find(const std::string& logical_name) const {
  for (const auto& field : fields) {
    if (field.name == logical_name) return &field;
  }
  return nullptr;
}

std::size_t LayerSchema::index_of(const std::string& logical_name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == logical_name) return i;
  }
  throw InternalError("layer type '" + name + "' declares no field '" + logical_name + "'");
}

const char* to_string(FieldType type) {
  switch (type) {
    case FieldType::Text: return "text";
    case FieldType::Integer: return "integer";
    case FieldType::Real: return "number";
    case FieldType::Boolean: return "boolean";
  }
  return "unknown";
}

const char* to_string(GeometryFamily family) {
  switch (family) {
    case GeometryFamily::Point: return "point";
    case GeometryFamily::Line: return "line";
    case GeometryFamily::Polygon: return "polygon";
  }
  return "unknown";
}

}  // namespace cx::schema
