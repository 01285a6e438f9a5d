#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cx/core/error.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/roads/road_classes.hpp"
#include "cx/schema/layer_loader.hpp"
#include "cx/schema/layer_schema.hpp"

namespace cx::scenario {

/// A scenario as declared in its TOML file, fully validated, with every relative path
/// resolved against the file's directory. See README.md ("Scenario files") for the format.
struct ScenarioConfig {
  std::filesystem::path file;  ///< the scenario file itself (empty for a command-line run)
  /// The scenario files it extends (`extends`), nearest first.
  std::vector<std::filesystem::path> extends;
  std::string invocation;      ///< the command line, for a run without a scenario file
  std::string name;            ///< short id, e.g. `minzhu_south` (default: the file's stem)
  std::string title;           ///< human title, e.g. 民主路南延及跨大沙河桥
  std::string working_crs = "EPSG:4547";
  std::filesystem::path output;  ///< GeoPackage to write
  schema::InvalidPolicy on_invalid = schema::InvalidPolicy::Repair;
  io::ReadLimits limits;  ///< [limits] bounds on each input layer
  /// [limits] memory_mb: about how much memory (MB) the land use may take while it is cut by
  /// the roads; a larger layer is read and let go in FID chunks (0 = no limit: read it whole).
  std::uint64_t memory_limit_mb = 0;
  double snap_tolerance_m = 1.0;    ///< [network] line ends closer than this meet
  double zone_max_snap_m = 500.0;   ///< [network] farther zones are flagged, not joined
  network::Noding noding = network::Noding::Endpoints;  ///< [network] where lines meet
  /// Layer type name (land_use, roads, zones, river_lines, river_areas, eco_corridor,
  /// constraints, proposals) → its source.
  std::map<std::string, schema::LayerSource> layers;
  std::vector<std::string> proposals;  ///< proposal ids the scenario adds to the baseline
  /// Where each of `proposals` was named (file, line, key), for errors about it.
  std::map<std::string, ErrorContext> proposals_named_at;
  /// Worker threads for loading, the overlay and the network (0 = all cores). Results do not
  /// depend on it.
  unsigned threads = 0;
  /// Whether to build the road networks (off for `crossaxis overlay`).
  bool run_network = true;
  /// The overlay analyses (land take, zones, crossings, corridors); off for a network-only run,
  /// which then needs no land use.
  bool run_overlay = true;
  /// [network] Without a zones layer, this many junctions of the baseline network, drawn with a
  /// fixed seed, stand in for zones (OD, cross-river detours); 0 = none.
  std::size_t sample_zones = 0;
  /// [network] Time breaks of the service areas around facilities, in minutes.
  std::vector<double> service_breaks_min = {5.0, 10.0, 15.0};
  /// Class defaults for width and speed, with the scenario's [road_classes.<class>] overrides.
  roads::RoadClassTable road_classes;
};

/// The layer types a scenario may name, with their schemas; `required` ones must be present.
struct LayerTypeEntry {
  const char* name;
  const schema::LayerSchema& (*schema)();
  bool required;
};
[[nodiscard]] const std::vector<LayerTypeEntry>& layer_types();

/// Reads and validates a scenario file. Throws cx::ConfigError naming the file, line and key
/// for syntax errors, unknown keys, wrong types, missing required keys or layers, and field
/// mappings that name no field of the layer type.
[[nodiscard]] ScenarioConfig parse_scenario_file(const std::filesystem::path& file);

}  // namespace cx::scenario
