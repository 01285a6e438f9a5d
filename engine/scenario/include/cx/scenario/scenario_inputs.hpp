#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cx/constraints/constraint_layer.hpp"
#include "cx/core/diagnostics.hpp"
#include "cx/core/progress.hpp"
#include "cx/corridors/corridor_layer.hpp"
#include "cx/crs/crs.hpp"
#include "cx/geom/geos_context.hpp"
#include "cx/landuse/land_use_layer.hpp"
#include "cx/rivers/river_layers.hpp"
#include "cx/roads/road_layer.hpp"
#include "cx/schema/layer_loader.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/zones/zone_layer.hpp"

namespace cx::scenario {

/// Why a run refuses a roads or land-use layer without features (other layers may be empty).
inline constexpr const char* nothing_to_analyse =
    "the layer has no features with a geometry; there is nothing to analyse";

/// Whether a run refuses a layer of `type` when it has no features: the roads and land use.
[[nodiscard]] inline bool needs_features(const std::string& type) {
  return type == "roads" || type == "land_use";
}

/// What was read from one input layer (for the run's metadata and summary).
struct InputRecord {
  std::string layer_type;  ///< land_use, roads, ...
  std::string path;
  std::string layer;
  std::string source_crs;
  std::size_t features = 0;  ///< features read
  std::string sha256;  ///< fingerprint of the layer's content as read (io::layer_digest)
  /// Only the features within reach of the roads were read (land use; see load_inputs).
  bool near_roads_only = false;
};

/// A land use too large for the scenario's memory limit: read, cut by the roads and let go one
/// FID chunk at a time during the overlay, instead of being loaded with the other layers.
struct LandUseChunks {
  schema::LayerSource source;
  schema::LoadOptions options;  ///< with the roads' reach as area of interest, where known
  std::vector<std::pair<long long, long long>> fids;  ///< [first, end) ranges, ascending
  std::size_t record = 0;  ///< the land use's entry in ScenarioInputs::records, filled as read
};

/// Every layer a scenario names, loaded and validated in the working CRS. Geometries belong to
/// the GEOS context passed to load_inputs, which must outlive this object.
struct ScenarioInputs {
  /// The land use read whole (empty when it is read in chunks); handed over to the analysis.
  std::vector<landuse::LandUseParcel> parcels;
  std::optional<LandUseChunks> land_use_chunks;
  std::vector<roads::Road> roads;      ///< the road layer (baseline network: status existing)
  std::vector<roads::Road> proposals;  ///< lines of the proposals the scenario includes
  std::vector<zones::Zone> zones;
  std::vector<zones::Zone> facilities;  ///< named points service areas are measured from
  std::vector<rivers::River> river_lines;
  std::vector<rivers::River> river_areas;
  std::vector<corridors::Corridor> corridors;
  std::vector<constraints::Constraint> constraints;
  std::vector<InputRecord> records;  ///< in layer-type order
};

/// Loads every layer of `config`. Throws cx::InputError / cx::ConfigError naming file, layer,
/// feature and field; a proposal id not found in the proposals layer is a ConfigError listing
/// the ids it has.
[[nodiscard]] ScenarioInputs load_inputs(const ScenarioConfig& config, const crs::Crs& working,
                                         const geom::GeosContext& ctx, Diagnostics& diagnostics,
                                         const Progress& progress);

}  // namespace cx::scenario
