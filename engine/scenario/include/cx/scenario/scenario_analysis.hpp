#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/core/progress.hpp"
#include "cx/network/components.hpp"
#include "cx/ecology/fragmentation.hpp"
#include "cx/network/betweenness.hpp"
#include "cx/network/cross_river.hpp"
#include "cx/network/service_area.hpp"
#include "cx/network/structure.hpp"
#include "cx/network/road_graph.hpp"
#include "cx/network/zone_travel.hpp"
#include "cx/overlay/conflicts.hpp"
#include "cx/overlay/crossings.hpp"
#include "cx/overlay/land_take.hpp"
#include "cx/overlay/right_of_way.hpp"
#include "cx/overlay/works.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_inputs.hpp"

namespace cx::scenario {

/// Per junction of `graph`, a key that depends only on where it is: "J<x>,<y>" to the
/// centimetre, "z<level>" off the ground, "#<n>" for the n-th junction at one spot.
[[nodiscard]] std::vector<std::string> junction_keys(const network::RoadGraph& graph);

/// A road network analysed: graph, components, zone snapping and the zone OD matrix.
struct NetworkAnalysis {
  std::string label;                        ///< "baseline" or "scenario"
  std::vector<const roads::Road*> lines;    ///< the lines the graph was built from
  network::RoadGraph graph;
  network::Components components;
  network::CutElements cut;                 ///< links and junctions whose loss disconnects
  network::KanskyIndices kansky;
  network::Betweenness betweenness;         ///< by travel time, exact or sampled
  std::vector<network::CrossRiver> rivers;  ///< parallel to the river centre lines
  /// Per facility (in facility order) and time break: the links reached; empty for a facility
  /// farther than zone_max_snap_m from every junction.
  std::vector<std::vector<std::vector<network::ReachedStretch>>> service_areas;
  std::vector<network::ZoneSnap> snaps;     ///< one per zone, in zone order
  std::vector<network::ZoneSnap> facility_snaps;  ///< one per facility, in facility order
  /// Per junction, a key that depends only on where it is (see junction_keys()).
  std::vector<std::string> junction_keys;
  network::OdMatrix od;

  /// Mean quickest time over reachable ordered zone pairs, in minutes (nothing if none).
  [[nodiscard]] std::optional<double> mean_od_time_min() const;
  [[nodiscard]] std::size_t reachable_pairs() const;
};

/// The land take of one work (a proposal or an existing road): its dissolved right-of-way cut
/// by parcels, and the pieces summed by class.
struct WorkTake {
  std::vector<overlay::TakePiece> pieces;
  overlay::TakeBreakdown breakdown;
};

/// Everything a scenario computes, before it is written.
struct ScenarioAnalysis {
  /// GEOS contexts of the worker threads that made some of the geometries below; declared
  /// first so they are destroyed last.
  std::vector<std::unique_ptr<geom::GeosContext>> worker_contexts;
  /// Every line whose right-of-way is analysed: existing roads first, then the proposals.
  std::vector<const roads::Road*> lines;
  std::vector<overlay::RightOfWay> rights_of_way;  ///< parallel to `lines`
  std::vector<overlay::Work> works;                ///< lines grouped into roads and proposals
  std::vector<WorkTake> work_takes;                ///< parallel to `works`
  /// The parcels some right-of-way took, in FID order, which the pieces refer to (by
  /// `parcel_index`): their classes only, the shapes let go once cut.
  std::vector<landuse::LandUseParcel> taken_parcels;
  /// With the land use read in chunks: what was read, for the run's metadata.
  std::optional<InputRecord> land_use_record;
  overlay::DissolvedTake existing_take;  ///< union of the existing roads' rights-of-way
  overlay::DissolvedTake proposal_take;  ///< union of the proposals' rights-of-way
  overlay::ConflictResult conflicts;     ///< 三区三线 and flood, for every work
  /// Conflicts of all proposals together and of all existing roads together, each m² once:
  /// computed on the tiles of the dissolved take (a conflict's `work` is a tile position), so
  /// only their areas are meaningful; centre-line lengths come from the works.
  overlay::ConflictResult all_proposals_conflicts;
  overlay::ConflictResult all_existing_conflicts;
  overlay::CrossingResult crossings;  ///< rivers and corridors, for every work
  /// The ecological corridors cut by every existing road's right-of-way (baseline) and also
  /// by the proposals' roads, joined by their water links (scenario); only with corridors.
  bool has_corridors = false;
  ecology::Fragmentation baseline_fragmentation;
  ecology::Fragmentation scenario_fragmentation;
  bool has_network = false;  ///< false when the networks were not asked for
  /// The zones the networks join: the zones layer, or junctions sampled when there is none.
  std::vector<zones::Zone> zones;
  NetworkAnalysis baseline;  ///< existing roads only
  NetworkAnalysis scenario;  ///< existing roads plus the proposals' road lines
};

/// What was read from each input layer, in layer-type order (the land use as the overlay read
/// it when it was read in chunks).
[[nodiscard]] std::vector<InputRecord> input_records(const ScenarioInputs& inputs,
                                                     const ScenarioAnalysis& analysis);

/// Overlap with one kind of protected zone, added over the zones touched.
struct ConflictSummary {
  constraints::ConstraintKind kind = constraints::ConstraintKind::BasicFarmland;
  bool outside = false;      ///< urban development boundary: the part outside it
  std::optional<int> level;  ///< flood-risk level
  double area_m2 = 0.0;
  double centre_length_m = 0.0;
  std::vector<std::string> zone_ids;
};

/// Conflicts of work `w`, added up per kind of zone (and flood level).
[[nodiscard]] std::vector<ConflictSummary> work_conflicts(const ScenarioInputs& inputs,
                                                          const ScenarioAnalysis& analysis,
                                                          std::size_t w);

/// Conflicts of all proposals (or all existing roads) together: areas from the dissolved tiles
/// (each m² once), centre-line lengths and zone ids added over the works of the scope.
[[nodiscard]] std::vector<ConflictSummary> scope_conflicts(const ScenarioInputs& inputs,
                                                           const ScenarioAnalysis& analysis,
                                                           bool proposals);

/// Called once the land take of every work is known, on the analysing thread: `lines`,
/// `works`, `work_takes` and `taken_parcels` are final then, and the rest of the analysis only
/// reads them, so they may be read (written out, say) on another thread while it runs.
using TakesReady = std::function<void(const ScenarioAnalysis&)>;

/// Runs the overlay (rights-of-way, land take per work and dissolved per scope, conflicts with
/// protected zones, river and corridor crossings) and the connectivity analyses (baseline and
/// scenario networks, zone OD) into `out`, which must be empty and must not move while the
/// analysis runs. Findings (water crossed without a bridge, a bridge over nothing,
/// below-grade lines in flood zones) go to `diagnostics`. `inputs` is borrowed, but for its
/// land-use parcels, which are handed over: the analysis keeps the classes of those the roads
/// took (`taken_parcels`) and lets the rest go, so that a city's land use is not held while
/// its take is dissolved and written.
void analyse(const ScenarioConfig& config, ScenarioInputs& inputs, const geom::GeosContext& ctx,
             Diagnostics& diagnostics, const Progress& progress, ScenarioAnalysis& out,
             const TakesReady& takes_ready = {});

}  // namespace cx::scenario
