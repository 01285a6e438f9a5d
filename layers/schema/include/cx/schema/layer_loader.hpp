#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/core/error.hpp"
#include "cx/crs/crs.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/io/field_value.hpp"
#include "cx/io/layer_digest.hpp"
#include "cx/io/vector_reader.hpp"
#include "cx/schema/layer_schema.hpp"

namespace cx::schema {

/// What to do with an invalid polygon (self-intersection, bow-tie, bad ring order).
enum class InvalidPolicy {
  Repair,  ///< repair with GEOS MakeValid and count it in a warning (default)
  Fail,    ///< stop with an error naming the feature
};

struct LoadOptions {
  crs::Crs working_crs;
  InvalidPolicy on_invalid = InvalidPolicy::Repair;
  io::ReadLimits limits;
  /// Record a feature that would be refused as an Error diagnostic and go on without it,
  /// instead of throwing (for `crossaxis validate`, which reports every finding).
  bool collect_refusals = false;
  /// Threads that convert features (0 = all cores); the result does not depend on it.
  unsigned threads = 0;
  /// Only the features that meet this box of the working CRS are read (through the source's
  /// spatial index where it has one); the others are neither read nor checked. None: all.
  std::optional<Extent> area_of_interest;
  /// Only the features whose FID is in [first, second): one chunk of a layer read in chunks.
  std::optional<std::pair<long long, long long>> fids;
  /// For a layer read in chunks (in FID order): the fingerprint taken across the reads, started
  /// on the first; `sha256` is then left empty. None: each read's own fingerprint.
  std::optional<io::LayerDigest>* running_digest = nullptr;
  /// Where the reader's notes go (GDAL's warnings, rings closed), apart from the loader's
  /// findings: a layer read in chunks keeps each kind together, in the order of a whole read.
  /// None: with the findings.
  Diagnostics* source_notes = nullptr;
};

/// The layer's extent as its source states it without reading the features (a GeoPackage's
/// contents table, a Shapefile's header), in the working CRS. Only a hint: such a statement can
/// be out of date. None when the source states none, cannot be opened, or it does not
/// transform (never throws: reading the layer reports what is wrong with it).
[[nodiscard]] std::optional<Extent> stated_extent(const LayerSource& source, const crs::Crs& working);

/// Records a refusal of one feature (an InputError naming it) as an Error diagnostic: the
/// field, if named, leads the message, so that equal findings on many features count as one.
void record_refusal(const InputError& error, Diagnostics& diagnostics);

/// One feature after loading: its source FID, its values in schema order converted to the
/// declared types (null where absent), and its geometry in the working CRS.
struct LoadedFeature {
  long long fid = 0;
  std::vector<io::FieldValue> values;
  geom::Geometry geometry;
};

/// A domain layer read, mapped, typed, reprojected and validated.
class LoadedLayer {
public:
  LayerSource source;
  const LayerSchema* schema = nullptr;
  std::string layer_name;  ///< the layer's real name in the source
  std::string source_crs;  ///< label of the CRS the data was read in
  std::string sha256;      ///< fingerprint of the layer as read (io::layer_digest)
  std::vector<LoadedFeature> features;
  /// Features read, also those without a geometry, which are skipped (what --max-features counts).
  std::size_t features_read = 0;

  [[nodiscard]] bool has(const LoadedFeature& f, const std::string& field) const;
  [[nodiscard]] std::string text(const LoadedFeature& f, const std::string& field,
                                 const std::string& fallback = {}) const;
  [[nodiscard]] double real(const LoadedFeature& f, const std::string& field, double fallback) const;
  [[nodiscard]] std::int64_t integer(const LoadedFeature& f, const std::string& field,
                                     std::int64_t fallback) const;
  /// The source field name a logical field was read from (for messages).
  [[nodiscard]] std::string source_field(const std::string& field) const;
  /// Context for an error about one feature's field.
  [[nodiscard]] ErrorContext where(const LoadedFeature& f, const std::string& field = {}) const;
};

/// Reads a layer from any OGR source and makes it ready for analysis:
/// - maps source fields to the schema (scenario mapping, else the logical name; exact, then
///   case-insensitive) and converts every value strictly to the declared type;
/// - takes the CRS from the declaration, else the source; refuses a layer with neither, and
///   coordinates that cannot be in that CRS (see crs::check_extent_plausible);
/// - checks geometry family, skips NULL/empty geometries with a warning, refuses non-finite
///   coordinates, repairs invalid polygons (or fails, by policy), reprojects to the working CRS.
/// Throws cx::InputError / cx::ConfigError naming file, layer, feature and field.
[[nodiscard]] LoadedLayer load_layer(const LayerSource& source, const LayerSchema& schema,
                                     const LoadOptions& options, const geom::GeosContext& ctx,
                                     Diagnostics& diagnostics);

}  // namespace cx::schema
