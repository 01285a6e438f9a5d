#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cx/core/error.hpp"
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

/// Something GDAL reported while reading (a repair it made, a value it could not convert),
/// for one feature when `fid` is set, else for the layer.
struct SourceNote {
  std::optional<long long> fid;
  std::string message;
  std::string action;  ///< what was done about it: "closed", "read as GDAL gave it"
};

/// A vector layer read into memory (all of it, or what a filter let through), in ascending FID
/// order.
///
/// Values are as stored: where GDAL would turn stored text into a number ('abc' -> 0,
/// '3.0 m' -> 3, 2.5 -> 2 in an integer column), the value is the stored text (or real), so
/// that the typed conversion downstream refuses it by feature and field.
struct RawLayer {
  std::string path;
  std::string layer;
  std::optional<std::string> crs_wkt;  ///< the layer's CRS, when it has one
  std::vector<SourceField> fields;
  std::vector<RawFeature> features;
  Extent extent;  ///< of all non-null geometries read, in the source CRS
  std::vector<SourceNote> notes;  ///< GDAL's warnings while reading, in order
  /// A CRS the file names that PROJ cannot resolve (GDAL then reports WGS 84 instead).
  std::optional<std::string> unresolved_crs;
};

/// Bounds on what one layer may hold, so that an input too large for the machine stops with a
/// clear error naming it rather than an out-of-memory kill. Defaults suit a province's land-use
/// survey on a 24 GiB machine; 0 means no limit.
struct ReadLimits {
  std::uint64_t max_file_mb = 8192;        ///< size of the source file(s)
  std::uint64_t max_features = 20'000'000; ///< features in one layer
  std::uint64_t max_vertices = 10'000'000; ///< vertices of one feature's geometry
};

/// How to read a source.
struct ReadOptions {
  ReadLimits limits;
  /// Character encoding of the attribute text when the source does not say (e.g. "GBK" for a
  /// Shapefile without .cpg); empty: as GDAL reads it.
  std::string encoding;
  /// Threads a large GeoPackage layer may be read on (in FID ranges, one connection each);
  /// 0 = all cores. The result is the same.
  unsigned threads = 0;
  /// Only the features whose geometry meets this box (in the layer's own CRS), found through
  /// the source's spatial index where it has one (OGR's spatial filter); none: every feature.
  std::optional<Extent> filter;
  /// Only the features whose FID is in [first, second): a chunk of a layer too large to hold
  /// at once (FID ranges are range scans in a GeoPackage; other drivers test every feature).
  std::optional<std::pair<long long, long long>> fids;
};

/// The error for a layer with more features than `limits.max_features` (also when it is read in
/// chunks and counted across them).
[[nodiscard]] InputError too_many_features(const std::string& path, const std::string& layer,
                                           const ReadLimits& limits);

/// Whether text can be converted from `encoding` to UTF-8 on this machine (iconv knows it:
/// GBK, GB18030, CP936, UTF-8, ...).
[[nodiscard]] bool is_known_encoding(const std::string& encoding);

/// Opens any OGR-readable source read-only and reads one layer (the only one when `layer` is
/// empty and the source has exactly one). Throws cx::InputError naming the file and layer when
/// the file is missing, unreadable, or has no such layer (the message lists those it has).
[[nodiscard]] RawLayer read_layer(const std::string& path, const std::string& layer,
                                  const ReadOptions& options = {});

/// The CRS (WKT) of one layer without reading its features; nothing when it has none.
/// Throws like read_layer for a missing file or layer.
[[nodiscard]] std::optional<std::string> read_layer_crs(const std::string& path,
                                                        const std::string& layer);

/// The extent a layer's source states without a scan of its features (OGR's GetExtent without
/// forcing), in the layer's CRS; none when it states none. Throws like read_layer for a missing
/// file or layer.
[[nodiscard]] std::optional<Extent> read_stated_extent(const std::string& path, const std::string& layer);

/// The FIDs [lo, hi] split into up to `parts` half-open ranges [first, end) of near-equal span,
/// ascending, none empty: how a layer is read on several connections or in chunks. None when
/// hi < lo, or hi is the largest 64-bit integer (a half-open range could not end past it).
[[nodiscard]] std::vector<std::pair<long long, long long>> split_fid_span(long long lo, long long hi,
                                                                         std::uint64_t parts);

/// The least and greatest FID of a layer's features (none when it has none): from the table in
/// a GeoPackage, else by a pass reading FIDs only. Throws like read_layer for a missing file or
/// layer.
[[nodiscard]] std::optional<std::pair<long long, long long>> fid_bounds(const std::string& path,
                                                                        const std::string& layer);

/// The number of features in a layer: as the source records it where it does (a GeoPackage,
/// a Shapefile), else by a pass. Throws like read_layer for a missing file or layer.
[[nodiscard]] std::uint64_t feature_count(const std::string& path, const std::string& layer);

/// The names of the vector layers in a source, in the source's order.
[[nodiscard]] std::vector<std::string> list_layers(const std::string& path);

/// Registers GDAL's drivers once per process (thread-safe).
void ensure_gdal_registered();

}  // namespace cx::io
