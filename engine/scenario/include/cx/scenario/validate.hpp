#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/io/vector_reader.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::scenario {

/// What `crossaxis validate` checks a dataset as.
struct ValidateOptions {
  std::string layer;    ///< one layer; empty: every layer of the source
  /// The layer type (land_use, roads, proposals, zones, facilities, river_lines, river_areas,
  /// rivers, eco_corridor, constraints); empty: from the layer's name, else only the checks
  /// that need no type (CRS, geometry, coordinates, text).
  std::string as_type;
  std::string working_crs = "EPSG:4547";
  std::optional<std::string> declared_crs;  ///< the source's CRS, when it has none or a wrong one
  std::string encoding;
  schema::FieldMapping fields;  ///< logical field -> source field, as a scenario maps them
  schema::InvalidPolicy on_invalid = schema::InvalidPolicy::Repair;
  io::ReadLimits limits;
};

/// The verdict on one layer.
struct LayerVerdict {
  std::string path;
  std::string layer;
  std::string type;          ///< what it was checked as ("" = no type)
  std::string source_crs;    ///< label of the CRS it was read in
  std::size_t features = 0;  ///< features that a run would use
  /// Why a run would refuse the whole layer (a missing field, no CRS, ...); empty if none.
  std::string refusal;
  bool usable = true;  ///< a run would go ahead: no refusal and no refused feature
  /// What a run would repair or skip (warnings) and refuse (errors), in the order found.
  std::vector<Diagnostic> findings;
};

/// Every finding, per layer, of a run's loading and checking, without running an analysis:
/// what it would repair or skip (warnings) and what it would refuse (errors).
struct ValidationReport {
  std::vector<LayerVerdict> layers;
  [[nodiscard]] bool usable() const;
};

/// Checks `path` (any OGR source). Throws cx::InputError only when the source cannot be opened
/// at all or has no such layer; everything else is in the report.
[[nodiscard]] ValidationReport validate_source(const std::string& path, const ValidateOptions& options);

/// Checks every layer a scenario file names, as the scenario declares it (type, field mapping,
/// CRS, encoding, limits): what `crossaxis run` would find while loading, without running.
[[nodiscard]] ValidationReport validate_scenario(const std::string& scenario_file);

/// The layer type a layer name suggests (land_use for "landuse", ...), if any.
[[nodiscard]] std::optional<std::string> type_from_layer_name(const std::string& layer);

}  // namespace cx::scenario
