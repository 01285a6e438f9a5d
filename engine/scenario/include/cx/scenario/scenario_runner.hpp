#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/core/progress.hpp"
#include "cx/constraints/constraint_layer.hpp"
#include "cx/overlay/land_take.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_analysis.hpp"
#include "cx/scenario/scenario_inputs.hpp"

namespace cx::scenario {

struct RunOptions {
  std::optional<std::filesystem::path> output;  ///< overrides the scenario's output path
  Progress progress;
  /// The program ends after this run: its inputs and analysis are left for the operating
  /// system to take back at exit rather than freed object by object (seconds at a million
  /// parcels; see cx::keep_until_exit).
  bool last_in_process = false;
};

/// One crossing of a proposal's centre line with a river.
struct RiverCrossingSummary {
  std::string river;
  double length_over_water_m = 0.0;
  std::optional<double> angle_deg;
  bool bridge = false;
};

/// What one proposal takes and touches.
struct ProposalSummary {
  std::string id;
  std::string name;
  roads::WorkKind kind = roads::WorkKind::Road;  ///< a road, or a water link
  double row_area_m2 = 0.0;
  double centre_length_m = 0.0;
  overlay::TakeBreakdown take;
  std::vector<ConflictSummary> conflicts;
  std::vector<RiverCrossingSummary> river_crossings;
  double corridor_length_m = 0.0;
  double corridor_area_m2 = 0.0;
  std::size_t corridor_crossings = 0;
  std::size_t below_grade_in_flood = 0;
};

/// The headline figures of one road network.
struct NetworkSummary {
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::size_t components = 0;
  std::size_t zones_snapped = 0;
  std::size_t reachable_pairs = 0;
  std::optional<double> mean_od_time_min;
  std::size_t critical_links = 0;      ///< graph bridges
  std::size_t critical_junctions = 0;  ///< articulation points
  double cyclomatic = 0.0;             ///< Kansky's μ = e − v + p
};

/// What a run produced, for the command line's summary and for tests.
struct ScenarioResult {
  std::string name;
  std::string title;
  std::vector<std::string> proposals;
  std::filesystem::path output;
  std::vector<InputRecord> inputs;
  std::size_t zone_count = 0;
  overlay::TakeBreakdown existing_take;  ///< existing roads, each m² once
  overlay::TakeBreakdown proposal_take;  ///< all proposals together, each m² once
  std::vector<ProposalSummary> proposal_summaries;  ///< by proposal id
  /// Conflicts of all existing roads together (each m² once).
  std::vector<ConflictSummary> existing_conflicts;
  bool has_network = false;  ///< the networks below were computed
  NetworkSummary baseline;
  NetworkSummary scenario;
  /// Per river centre line: links across it and the mean opposite-bank detour, both networks.
  struct RiverSummary {
    std::string river;
    std::size_t baseline_links = 0;
    std::size_t scenario_links = 0;
    std::optional<double> baseline_mean_detour;
    std::optional<double> scenario_mean_detour;
  };
  std::vector<RiverSummary> rivers;
  /// Per facility: road length reached within each service break, both networks (empty when
  /// the facility is too far from the network).
  struct ServiceSummary {
    std::string facility;
    std::vector<double> baseline_km;  ///< one per break
    std::vector<double> scenario_km;
  };
  std::vector<double> service_breaks_min;
  std::vector<ServiceSummary> services;
  bool has_corridors = false;
  /// Effective mesh size of the corridors (m²) and their patches, baseline and scenario.
  double baseline_mesh_m2 = 0.0;
  double scenario_mesh_m2 = 0.0;
  std::size_t baseline_patches = 0;
  std::size_t scenario_patches = 0;
  /// Mean of (scenario − baseline) travel time over the pairs reachable in both, minutes.
  std::optional<double> mean_time_change_min;
  std::size_t pairs_compared = 0;
  std::size_t pairs_newly_reachable = 0;
  Diagnostics diagnostics;
};

/// Runs a whole scenario: validates the output path (never an input, never a directory), loads
/// every layer, runs the overlay and connectivity analyses and writes the GeoPackage through a
/// temporary file that replaces the output only on success.
/// Throws cx::Error subclasses; on any error no output file is created or changed.
[[nodiscard]] ScenarioResult run_scenario(const ScenarioConfig& config, const RunOptions& options);

}  // namespace cx::scenario
