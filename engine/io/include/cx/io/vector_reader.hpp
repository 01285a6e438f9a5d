#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cx/core/extent.hpp"
#include "cx/io/field_value.hpp"

namespace cx::io {

/// The storage type of a source field, as OGR reports it.
enum class SourceFieldKind { Integer, Real, Text, Other };

struct SourceField {
  std::string name;
  SourceFieldKind kind = SourceFieldKind::Other;
};

/// One feature as stored in the source: FID, attribute values in field order, and its geometry
/// as 2D ISO WKB (empty for a NULL geometry). Curves are linearised.
struct RawFeature {
  long long fid = 0;
  std::vector<FieldValue> values;
  std::vector<std::uint8_t> wkb;
  bool had_z_or_m = false;  ///< the source geometry had Z or M values (dropped)
};

/// A whole vector layer read into memory, in ascending FID order.
struct RawLayer {
  std::string path;
  std::string layer;
  std::optional<std::string> crs_wkt;  ///< the layer's CRS, when it has one
  std::vector<SourceField> fields;
  std::vector<RawFeature> features;
  Extent extent;  ///< of all non-null geometries, in the source CRS
};

/// Opens any OGR-readable source read-only and reads one layer (the only one when `layer` is
/// empty and the source has exactly one). Throws cx::InputError naming the file and layer when
/// the file is missing, unreadable, or has no such layer (the message lists those it has).
[[nodiscard]] RawLayer read_layer(const std::string& path, const std::string& layer);

/// The CRS (WKT) of one layer without reading its features; nothing when it has none.
/// Throws like read_layer for a missing file or layer.
[[nodiscard]] std::optional<std::string> read_layer_crs(const std::string& path,
                                                        const std::string& layer);

/// The names of the vector layers in a source, in the source's order.
[[nodiscard]] std::vector<std::string> list_layers(const std::string& path);

/// Registers GDAL's drivers once per process (thread-safe).
void ensure_gdal_registered();

}  // namespace cx::io
