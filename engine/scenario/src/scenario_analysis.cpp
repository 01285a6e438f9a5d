#include "cx/scenario/scenario_analysis.hpp"

#include "cx/network/graph_builder.hpp"

namespace cx::scenario {
namespace {

NetworkAnalysis analyse_network(std::string label, std::vector<const roads::Road*> lines,
                                const ScenarioConfig& config, const ScenarioInputs& inputs,
                                Diagnostics& diagnostics) {
  NetworkAnalysis out;
  out.label = std::move(label);
  out.lines = std::move(lines);
  const network::GraphOptions options{.snap_tolerance_m = config.snap_tolerance_m};
  out.graph = network::build_graph(out.lines, options, diagnostics);
  out.components = network::connected_components(out.graph);
  out.snaps = network::snap_zones(out.graph, inputs.zones, config.zone_max_snap_m);
  for (std::size_t z = 0; z < out.snaps.size(); ++z) {
    if (out.snaps[z].snapped()) continue;
    diagnostics.record(Diagnostic{.code = "zone.unsnapped",
                                  .severity = Severity::Warning,
                                  .path = config.layers.at("zones").path,
                                  .layer = "zones",
                                  .message = "zones farther than zone_max_snap_m from every node "
                                             "of the " + out.label + " network (left out of OD)",
                                  .action = "flagged",
                                  .feature_ids = {}},
                       inputs.zones[z].fid);
  }
  out.od = network::od_matrix(out.graph, out.snaps);
  return out;
}

std::vector<const geom::Geometry*> polygons_of(const ScenarioAnalysis& a, bool proposals) {
  std::vector<const geom::Geometry*> out;
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    if (a.lines[i]->proposal_id.empty() != proposals) out.push_back(&a.rights_of_way[i].polygon);
  }
  return out;
}

}  // namespace

std::optional<double> NetworkAnalysis::mean_od_time_min() const {
  double sum_s = 0.0;
  std::size_t n = 0;
  for (const auto& cost : od.cost) {
    if (!cost.reachable()) continue;
    sum_s += cost.time_s;
    ++n;
  }
  if (n == 0) return std::nullopt;
  return sum_s / static_cast<double>(n) / 60.0;
}

std::size_t NetworkAnalysis::reachable_pairs() const {
  std::size_t n = 0;
  for (const auto& cost : od.cost) n += cost.reachable() ? 1 : 0;
  return n;
}

ScenarioAnalysis analyse(const ScenarioConfig& config, const ScenarioInputs& inputs,
                         const geom::GeosContext& ctx, Diagnostics& diagnostics,
                         const Progress& progress) {
  ScenarioAnalysis a;
  std::vector<const roads::Road*> existing;
  for (const auto& road : inputs.roads) {
    if (road.status == roads::RoadStatus::Existing) existing.push_back(&road);
  }
  a.lines = existing;
  for (const auto& line : inputs.proposals) a.lines.push_back(&line);

  progress.report(0.0, "rights-of-way and land take");
  a.rights_of_way = overlay::build_rights_of_way(a.lines);
  const overlay::ParcelIndex parcels(inputs.parcels);
  for (const auto& row : a.rights_of_way) {
    a.pieces.push_back(overlay::cut_by_parcels(row.polygon, parcels));
  }
  progress.report(0.3, "dissolved land take");
  a.existing_take = overlay::dissolved_take(ctx, polygons_of(a, false), parcels);
  a.proposal_take = overlay::dissolved_take(ctx, polygons_of(a, true), parcels);

  progress.report(0.6, "road networks");
  std::vector<const roads::Road*> scenario_lines = existing;
  for (const auto& line : inputs.proposals) {
    if (line.kind == roads::WorkKind::Road) scenario_lines.push_back(&line);
  }
  a.baseline = analyse_network("baseline", existing, config, inputs, diagnostics);
  a.scenario = analyse_network("scenario", std::move(scenario_lines), config, inputs, diagnostics);
  progress.report(1.0);
  return a;
}

}  // namespace cx::scenario
