#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/core/progress.hpp"
#include "cx/network/components.hpp"
#include "cx/network/road_graph.hpp"
#include "cx/network/zone_travel.hpp"
#include "cx/overlay/land_take.hpp"
#include "cx/overlay/right_of_way.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_inputs.hpp"

namespace cx::scenario {

/// A road network analysed: graph, components, zone snapping and the zone OD matrix.
struct NetworkAnalysis {
  std::string label;                        ///< "baseline" or "scenario"
  std::vector<const roads::Road*> lines;    ///< the lines the graph was built from
  network::RoadGraph graph;
  network::Components components;
  std::vector<network::ZoneSnap> snaps;     ///< one per zone, in zone order
  network::OdMatrix od;

  /// Mean quickest time over reachable ordered zone pairs, in minutes (nothing if none).
  [[nodiscard]] std::optional<double> mean_od_time_min() const;
  [[nodiscard]] std::size_t reachable_pairs() const;
};

/// Everything a scenario computes, before it is written.
struct ScenarioAnalysis {
  /// Every line whose right-of-way is analysed: existing roads first, then the proposals.
  std::vector<const roads::Road*> lines;
  std::vector<overlay::RightOfWay> rights_of_way;         ///< parallel to `lines`
  std::vector<std::vector<overlay::TakePiece>> pieces;    ///< parallel to `lines`
  overlay::DissolvedTake existing_take;  ///< union of the existing roads' rights-of-way
  overlay::DissolvedTake proposal_take;  ///< union of the proposals' rights-of-way
  NetworkAnalysis baseline;  ///< existing roads only
  NetworkAnalysis scenario;  ///< existing roads plus the proposals' road lines
};

/// Runs the overlay (rights-of-way, land take per line and dissolved per scope) and the
/// connectivity analyses (baseline and scenario networks, zone OD). `inputs` is borrowed.
[[nodiscard]] ScenarioAnalysis analyse(const ScenarioConfig& config, const ScenarioInputs& inputs,
                                       const geom::GeosContext& ctx, Diagnostics& diagnostics,
                                       const Progress& progress);

}  // namespace cx::scenario
