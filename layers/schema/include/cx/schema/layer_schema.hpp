#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cx::schema {

/// The type a domain field must have once loaded, whatever the source stores.
enum class FieldType { Text, Integer, Real, Boolean };

/// One field a domain layer type reads: its logical name (used in scenario field mappings),
/// its type, whether every feature must have it, and what it means.
struct FieldSpec {
  std::string name;
  FieldType type = FieldType::Text;
  bool required = false;
  std::string description;
};

enum class GeometryFamily { Point, Line, Polygon };

/// What a domain layer type declares about itself: its logical fields and geometry family.
struct LayerSchema {
  std::string name;  ///< the layer type, e.g. `roads`
  GeometryFamily geometry = GeometryFamily::Polygon;
  std::vector<FieldSpec> fields;

  /// Position of a logical field; throws cx::InternalError for an undeclared one (a bug).
  [[nodiscard]] std::size_t index_of(const std::string& logical_name) const;
  [[nodiscard]] const FieldSpec* find(const std::string& logical_name) const;
};

/// Logical field name → source field name, as declared in a scenario. Fields not listed are
/// looked up under their logical name.
using FieldMapping = std::map<std::string, std::string>;

/// Where a domain layer comes from, as a scenario or the command line declares it.
struct LayerSource {
  std::string path;                         ///< any OGR-readable source
  std::string layer;                        ///< layer name ("" = the only layer)
  std::optional<std::string> declared_crs;  ///< overrides/provides the source CRS
  /// The CRS of a layer that states none (an ad hoc run's --crs); a stated CRS wins.
  std::optional<std::string> crs_if_none;
  std::string encoding;  ///< attribute text encoding when the source does not say ("GBK")
  FieldMapping fields;
  /// Logical field → one value for every feature, used where the field is not mapped to a
  /// source field (e.g. a red-line width given on the command line).
  std::map<std::string, std::string> constants;
};

[[nodiscard]] const char* to_string(FieldType type);
[[nodiscard]] const char* to_string(GeometryFamily family);

}  // namespace cx::schema
