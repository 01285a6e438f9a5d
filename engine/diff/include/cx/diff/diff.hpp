#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cx/io/field_value.hpp"

namespace cx::diff {

struct DiffOptions {
  /// Numbers (real values) closer than this, and geometries whose Hausdorff distance is at most
  /// this (in the layer's CRS units), count as equal: float noise is not a change.
  double tolerance = 1e-9;
  /// The field that identifies a feature in every layer that has it; empty = found per layer
  /// (see diff_datasets).
  std::string key;
};

enum class Change { Added, Removed, Modified };

/// One attribute that differs: old → new, and new − old for numbers.
struct ValueChange {
  std::string field;
  io::FieldValue before;
  io::FieldValue after;
  std::optional<double> delta;
};

/// How a geometry changed (B − A); nothing where one side has no geometry.
struct GeometryChange {
  std::optional<double> d_area;
  std::optional<double> d_length;
  std::optional<double> hausdorff;
};

struct FeatureChange {
  std::string key;
  Change change = Change::Modified;
  std::vector<ValueChange> values;         ///< modified: the attributes that differ
  std::optional<GeometryChange> geometry;  ///< modified: when the geometry differs
  std::vector<std::uint8_t> wkb;           ///< B's geometry (A's for a removed feature)
};

struct LayerDiff {
  std::string name;
  bool in_a = true;
  bool in_b = true;
  std::string key_field;  ///< the matching field; empty when features were matched by FID
  bool spatial = false;
  std::string crs_wkt;  ///< B's CRS (A's for a layer only in A); empty when it has none
  std::vector<std::string> fields_only_in_a;
  std::vector<std::string> fields_only_in_b;
  std::size_t features_a = 0;
  std::size_t features_b = 0;
  std::size_t unchanged = 0;
  std::vector<FeatureChange> changes;  ///< sorted by key
  std::vector<std::string> warnings;

  [[nodiscard]] std::size_t count(Change c) const;
  /// Modified features whose attributes changed, and those whose geometry changed (a feature
  /// may count in both).
  [[nodiscard]] std::size_t attribute_changes() const;
  [[nodiscard]] std::size_t geometry_changes() const;
  [[nodiscard]] bool equal() const {
    return in_a && in_b && changes.empty() && fields_only_in_a.empty() && fields_only_in_b.empty();
  }
};

struct DatasetDiff {
  std::string path_a;
  std::string path_b;
  std::vector<LayerDiff> layers;  ///< by name
  [[nodiscard]] bool equal() const;
};

/// Compares two vector datasets (any GDAL source; GeoPackages in practice) layer by layer,
/// matched by name. Features are matched by a key: `options.key` where a layer has it with
/// unique values on both sides; else the first field named `key`, `*_key`, `id` or `*_id`, or
/// else the layer's first field, whose values are unique and never null on both sides; else the
/// FID (with a warning: FIDs need not survive a re-run). Attributes are compared over the fields both sides have. Throws cx::Error
/// naming the file when a dataset cannot be read.
[[nodiscard]] DatasetDiff diff_datasets(const std::string& path_a, const std::string& path_b,
                                        const DiffOptions& options);

[[nodiscard]] const char* to_string(Change c);
/// A value as people read it: NULL, an integer, a real with up to 15 significant digits, text.
[[nodiscard]] std::string display(const io::FieldValue& value);

}  // namespace cx::diff
