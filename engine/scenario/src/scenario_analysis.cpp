#include "cx/scenario/scenario_analysis.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

#include <fmt/format.h>

#include "cx/core/parallel.hpp"
#include "cx/network/graph_builder.hpp"

namespace cx::scenario {
namespace {

// `count` junctions drawn from `graph` with a fixed seed (sorted by node id), as zones "N<id>".
std::vector<zones::Zone> sampled_zones(const network::RoadGraph& graph, std::size_t count) {
  std::vector<std::uint32_t> ids(graph.node_count());
  std::iota(ids.begin(), ids.end(), 0U);
  std::mt19937_64 random(20261125);
  count = std::min(count, ids.size());
  for (std::size_t i = 0; i < count; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, ids.size() - 1);
    std::swap(ids[i], ids[pick(random)]);
  }
  ids.resize(count);
  std::sort(ids.begin(), ids.end());
  std::vector<zones::Zone> out;
  for (const auto id : ids) {
    zones::Zone z;
    z.key = fmt::format("N{:06}", id);
    z.fid = id;
    z.location = graph.node(network::NodeId(id)).xy;
    out.push_back(std::move(z));
  }
  return out;
}

}  // namespace

// Per junction: "J<x>,<y>" to the centimetre, "z<level>" off the ground, "#<n>" for the n-th
// junction at one spot (only with a snap tolerance below a centimetre). Junction ids follow a
// curve through all junctions, so a junction a proposal adds renumbers the rest: keys by place
// stay the same in both networks and in every run, and a diff of two scenarios shows what changed.
std::vector<std::string> junction_keys(const network::RoadGraph& graph) {
  std::vector<std::string> out(graph.node_count());
  std::map<std::string, int> seen;
  for (std::uint32_t i = 0; i < graph.node_count(); ++i) {
    const auto& node = graph.node(network::NodeId(i));
    std::string key = fmt::format("J{:.2f},{:.2f}", node.xy.x, node.xy.y);
    if (node.z_level != 0) key += fmt::format("z{}", node.z_level);
    if (const int n = ++seen[key]; n > 1) key += fmt::format("#{}", n);
    out[i] = std::move(key);
  }
  return out;
}

namespace {

// A finding about places of one layer ("zones" or "facilities"; sampled zones have no file).
Diagnostic place_finding(const ScenarioConfig& config, const std::string& layer_type,
                         std::string code, std::string message) {
  const auto source = config.layers.find(layer_type);
  const bool named = source != config.layers.end();
  return Diagnostic{.code = std::move(code), .severity = Severity::Warning,
                    .path = named ? source->second.path : std::string(),
                    .layer = named && !source->second.layer.empty() ? source->second.layer : layer_type,
                    .message = std::move(message), .action = "flagged", .feature_ids = {}};
}

// Zones or facilities the network cannot serve as the others: too far from every junction, or
// joined at a junction cut off from the network's largest part. A zone's trips to most zones are
// then unreachable and drop out of the mean travel time (which no longer compares with a network
// where they were reachable); a facility's service areas cover only its own part.
void record_place_findings(const NetworkAnalysis& n, const std::vector<network::ZoneSnap>& snaps,
                           const std::vector<zones::Zone>& places, const std::string& layer_type,
                           const ScenarioConfig& config, Diagnostics& diagnostics) {
  const bool zones = layer_type == "zones";
  const std::string code = zones ? "zone" : "facility";
  for (std::size_t z = 0; z < snaps.size(); ++z) {
    if (!snaps[z].snapped()) {
      diagnostics.record(place_finding(config, layer_type, code + ".unsnapped",
                                       layer_type + " farther than zone_max_snap_m from every "
                                       "node of the " + n.label + " network (" +
                                       (zones ? "left out of OD" : "nothing reached") + ")"),
                         places[z].fid);
    } else if (n.components.of_node[snaps[z].node.value()] != 0) {
      diagnostics.record(place_finding(config, layer_type, code + ".cut_off",
                                       layer_type + " whose nearest junction is cut off from the "
                                       "largest part of the " + n.label + " network (" +
                                       (zones ? "their trips to zones beyond it have no path and "
                                                "are left out of the mean travel time"
                                              : "their service areas cover that part only") + ")"),
                         places[z].fid);
    }
  }
}

// Proposal lines that do not reach the network's largest part: most often a line that stops
// short of the road it should meet, which would otherwise show only as an unchanged network.
void record_unconnected_proposals(const NetworkAnalysis& n, Diagnostics& diagnostics) {
  for (const auto& edge : n.graph.edges()) {
    const roads::Road& line = *n.lines[edge.road_index];
    if (line.proposal_id.empty() || n.components.of_node[edge.from.value()] == 0) continue;
    diagnostics.record(roads::finding_about(line, "network.proposal_cut_off", Severity::Warning,
                                            "proposal lines not connected to the largest part of "
                                            "the " + n.label + " network (stopping short of the "
                                            "road they should meet?)",
                                            "flagged"),
                       line.fid);
  }
}

NetworkAnalysis analyse_network(std::string label, std::vector<const roads::Road*> lines,
                                const ScenarioConfig& config, const ScenarioInputs& inputs,
                                std::vector<zones::Zone>& zones, Diagnostics& diagnostics) {
  NetworkAnalysis out;
  out.label = std::move(label);
  out.lines = std::move(lines);
  const network::GraphOptions options{.snap_tolerance_m = config.snap_tolerance_m,
                                      .noding = config.noding};
  out.graph = network::build_graph(out.lines, options, diagnostics);
  out.junction_keys = junction_keys(out.graph);
  out.components = network::connected_components(out.graph);
  out.cut = network::cut_elements(out.graph);
  out.kansky = network::kansky_indices(out.graph, out.components);
  out.betweenness = network::betweenness(out.graph, {.threads = config.threads});
  if (zones.empty() && inputs.zones.empty() && config.sample_zones > 0) {
    zones = sampled_zones(out.graph, config.sample_zones);
  }
  out.snaps = network::snap_zones(out.graph, zones, config.zone_max_snap_m);
  // Sampled zones are junctions drawn from the graph, of no layer: the summary's count of
  // unreachable pairs and the network_components table say what small parts hold them.
  if (config.layers.count("zones") != 0) record_place_findings(out, out.snaps, zones, "zones", config, diagnostics);
  record_unconnected_proposals(out, diagnostics);
  std::vector<const geom::Geometry*> rivers;
  for (const auto& river : inputs.river_lines) rivers.push_back(&river.geometry);
  // One search per zone serves both (with no rivers, only the OD matrix is filled).
  auto both = network::od_and_cross_rivers(out.graph, out.lines, out.snaps, rivers, config.threads);
  out.od = std::move(both.od);
  out.rivers = std::move(both.rivers);
  out.facility_snaps = network::snap_zones(out.graph, inputs.facilities, config.zone_max_snap_m);
  record_place_findings(out, out.facility_snaps, inputs.facilities, "facilities", config, diagnostics);
  for (const auto& snap : out.facility_snaps) {
    auto& areas = out.service_areas.emplace_back();
    if (!snap.snapped()) continue;
    areas = network::service_areas(out.graph, snap.node, config.service_breaks_min);
  }
  return out;
}

// The dissolved take of all proposals, or of all existing roads, from the works' pieces.
overlay::DissolvedTake scope_take(const ScenarioAnalysis& a,
                                  const std::vector<landuse::LandUseParcel>& parcels,
                                  bool proposals, unsigned threads, bool keep_union) {
  std::vector<const geom::Geometry*> polygons;
  std::vector<const std::vector<overlay::TakePiece>*> pieces;
  for (std::size_t w = 0; w < a.works.size(); ++w) {
    if (a.works[w].is_proposal() != proposals) continue;
    polygons.push_back(&a.works[w].right_of_way);
    pieces.push_back(&a.work_takes[w].pieces);
  }
  return overlay::dissolved_take(polygons, pieces, parcels,
                                 {.tile_m = 0.0, .threads = threads, .keep_union = keep_union});
}

Diagnostic finding(const roads::Road& line, const char* code, std::string message) {
  return roads::finding_about(line, code, Severity::Warning, std::move(message), "flagged");
}

// Findings a planner must see: water crossed without a bridge and bridges over nothing (in
// proposals), tunnels and underpasses in flood zones (existing ones too: flood-recovery works
// start from them).
void record_findings(const ScenarioAnalysis& a, Diagnostics& diagnostics) {
  for (const auto& c : a.crossings.rivers) {
    // A water link is meant to meet water; only roads need a bridge there.
    const roads::Road& line = *a.lines[c.line];
    if (a.works[c.work].is_proposal() && !c.bridge && line.kind == roads::WorkKind::Road) {
      diagnostics.record(finding(line, "overlay.water_without_bridge",
                                 "proposal lines that cross water but are not marked as bridges"),
                         line.fid);
    }
  }
  for (const auto l : a.crossings.bridges_over_nothing) {
    diagnostics.record(finding(*a.lines[l], "overlay.bridge_over_nothing",
                               "proposal bridges that cross neither water nor a road"),
                       a.lines[l]->fid);
  }
  for (const auto& f : a.conflicts.below_grade) {
    const roads::Road& line = *a.lines[f.line];
    diagnostics.record(finding(line, "overlay.below_grade_in_flood_zone",
                               "tunnels or underpasses inside a flood-risk zone"),
                       line.fid);
  }
}

// The tiles of a dissolved take as works, for overlaying them with protected zones.
std::vector<overlay::Work> tile_works(const geom::GeosContext& ctx, const overlay::DissolvedTake& take) {
  std::vector<overlay::Work> out;
  for (std::size_t t = 0; t < take.tiles.size(); ++t) {
    overlay::Work w;
    w.key = "tile:" + std::to_string(t);
    w.right_of_way = take.tiles[t].clone();
    w.centre_line = geom::Geometry::from_wkt(ctx, "LINESTRING EMPTY");
    w.area_m2 = w.right_of_way.area();
    out.push_back(std::move(w));
  }
  return out;
}

// The corridors cut by the rights-of-way of the existing roads (and, for the scenario, of the
// proposals' roads), the scenario's water links joining them.
void analyse_fragmentation(const geom::GeosContext& ctx, const ScenarioInputs& inputs,
                           ScenarioAnalysis& a) {
  a.has_corridors = !inputs.corridors.empty();
  if (!a.has_corridors) return;
  std::vector<const geom::Geometry*> corridors;
  for (const auto& c : inputs.corridors) corridors.push_back(&c.geometry);
  std::vector<const geom::Geometry*> existing_cuts, scenario_cuts, water_links;
  for (const auto& w : a.works) {
    const bool water = a.lines[w.lines.front()]->kind == roads::WorkKind::Water;
    if (!w.is_proposal()) existing_cuts.push_back(&w.right_of_way);
    if (w.is_proposal() && water) {
      water_links.push_back(&w.right_of_way);
    } else {
      scenario_cuts.push_back(&w.right_of_way);
    }
  }
  a.baseline_fragmentation = ecology::fragmentation(ctx, corridors, {}, existing_cuts);
  if (water_links.empty() && scenario_cuts.size() == existing_cuts.size()) {
    // No proposals: the same cuts of the same network (as the road networks are shared then).
    a.scenario_fragmentation.reference_area_m2 = a.baseline_fragmentation.reference_area_m2;
    a.scenario_fragmentation.effective_mesh_m2 = a.baseline_fragmentation.effective_mesh_m2;
    for (const auto& patch : a.baseline_fragmentation.patches) {
      a.scenario_fragmentation.patches.push_back({patch.shape.clone(), patch.area_m2});
    }
    return;
  }
  a.scenario_fragmentation = ecology::fragmentation(ctx, corridors, water_links, scenario_cuts);
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

namespace {

// Whether `c` (a conflict or a total) is of the summary's kind of zone (and level, and side of
// the boundary).
template <typename ConflictOrTotal>
bool same_kind(const ConflictSummary& s, const ConflictOrTotal& c) {
  return s.kind == c.kind && s.outside == c.outside && s.level == c.level;
}

// The summary entry of `c`'s kind of zone (and level), added to `out` when new.
template <typename ConflictOrTotal>
ConflictSummary& summary_for(std::vector<ConflictSummary>& out, const ConflictOrTotal& c) {
  auto same = std::find_if(out.begin(), out.end(), [&](const ConflictSummary& s) { return same_kind(s, c); });
  if (same != out.end()) return *same;
  out.push_back(ConflictSummary{c.kind, c.outside, c.level, 0.0, 0.0, {}});
  return out.back();
}

std::string zone_key(const ScenarioInputs& inputs, const overlay::Conflict& c) {
  return c.outside ? "outside" : inputs.constraints[*c.constraint].key;
}

}  // namespace

std::vector<ConflictSummary> work_conflicts(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                                            std::size_t w) {
  std::vector<ConflictSummary> out;
  for (const auto& c : a.conflicts.conflicts) {
    if (c.work == w) summary_for(out, c).zone_ids.push_back(zone_key(inputs, c));
  }
  for (const auto& t : a.conflicts.totals) {  // each m² and metre once where zones overlap
    if (t.work != w) continue;
    ConflictSummary& s = summary_for(out, t);
    s.area_m2 = t.area_m2;
    s.centre_length_m = t.centre_length_m;
  }
  return out;
}

std::vector<ConflictSummary> scope_conflicts(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                                             bool proposals) {
  const auto& tiles = proposals ? a.all_proposals_conflicts : a.all_existing_conflicts;
  std::vector<ConflictSummary> out;
  // Areas: all tiles together (the tiles do not overlap; zones of a kind are merged per tile).
  for (const auto& t : tiles.totals) summary_for(out, t).area_m2 += t.area_m2;
  // Lengths: the works of the scope, each merged over the zones of a kind.
  for (const auto& t : a.conflicts.totals) {
    if (a.works[t.work].is_proposal() != proposals) continue;
    for (auto& s : out) {
      if (same_kind(s, t)) s.centre_length_m += t.centre_length_m;
    }
  }
  // Ids: every zone a work of the scope touches.
  for (const auto& c : a.conflicts.conflicts) {
    if (a.works[c.work].is_proposal() != proposals) continue;
    for (auto& s : out) {
      if (!same_kind(s, c)) continue;
      const std::string id = zone_key(inputs, c);
      if (std::find(s.zone_ids.begin(), s.zone_ids.end(), id) == s.zone_ids.end()) {
        s.zone_ids.push_back(id);
      }
    }
  }
  for (auto& s : out) std::sort(s.zone_ids.begin(), s.zone_ids.end());
  return out;
}

std::vector<InputRecord> input_records(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis) {
  std::vector<InputRecord> out = inputs.records;
  if (inputs.land_use_chunks && analysis.land_use_record) {
    out[inputs.land_use_chunks->record] = *analysis.land_use_record;
  }
  return out;
}

namespace {

// Lets the parcels go on up to `threads` threads: a city's million shapes took a quarter of a
// second to free on one, with the other core idle.
void release(std::vector<landuse::LandUseParcel>& parcels, unsigned threads) {
  parallel_runs(parcels.size(), threads, [&](std::size_t i) { parcels[i] = landuse::LandUseParcel{}; });
  std::vector<landuse::LandUseParcel>().swap(parcels);
}

// Cuts every polygon by `parcels` and appends the pieces to `out` (parallel to the polygons),
// keeping in `a.taken_parcels` the classes of the parcels some piece came from (in parcel
// order, so the pieces keep their order) and letting the parcels go: from here on, only the
// classes are needed.
void cut_and_keep_taken(std::vector<landuse::LandUseParcel>&& parcels,
                        const std::vector<const geom::Geometry*>& polygons, unsigned threads,
                        std::vector<std::vector<overlay::TakePiece>>& out, ScenarioAnalysis& a) {
  if (parcels.empty()) return;
  auto pieces = [&] {
    const overlay::ParcelIndex index(parcels, threads);
    return overlay::cut_all_by_parcels(polygons, index, a.worker_contexts, threads);
  }();
  constexpr std::size_t untaken = static_cast<std::size_t>(-1);
  std::vector<std::size_t> kept(parcels.size(), untaken);
  for (const auto& list : pieces) {
    for (const auto& piece : list) kept[piece.parcel_index] = 0;
  }
  for (std::size_t p = 0; p < parcels.size(); ++p) {
    if (kept[p] == untaken) continue;
    kept[p] = a.taken_parcels.size();
    a.taken_parcels.push_back(std::move(parcels[p]));
    std::swap(a.taken_parcels.back().geometry, parcels[p].geometry);  // the shape goes with the rest
  }
  release(parcels, threads);
  for (std::size_t w = 0; w < pieces.size(); ++w) {
    for (auto& piece : pieces[w]) {
      piece.parcel_index = kept[piece.parcel_index];
      out[w].push_back(std::move(piece));
    }
  }
}

// The pieces of every polygon cut by the land use read chunk by chunk: each chunk is read
// (checked as a whole read checks it), cut, and let go but for the classes of the parcels some
// piece came from. Chunks come in FID order and pieces keep parcel order within a chunk, so the
// pieces and parcels are those, in the order, a whole read gives; and so are the fingerprint,
// the ids checked for repeats and the findings (the reader's notes, then the loader's, then
// those of classing the parcels, each kind in FID order).
std::vector<std::vector<overlay::TakePiece>> cut_by_chunks(
    const LandUseChunks& chunks, const std::optional<Extent>& area,
    const std::vector<const geom::Geometry*>& polygons, const ScenarioConfig& config,
    const geom::GeosContext& ctx, Diagnostics& diagnostics, const Progress& progress,
    ScenarioAnalysis& a) {
  std::vector<std::vector<overlay::TakePiece>> out(polygons.size());
  std::optional<io::LayerDigest> digest;
  schema::KeysSeen keys;
  Diagnostics notes, loaded, classed;
  std::size_t read = 0;
  InputRecord record{"land_use", chunks.source.path, chunks.source.layer, {}, 0, {}, area.has_value()};
  a.taken_parcels.clear();
  for (std::size_t c = 0; c < chunks.fids.size(); ++c) {
    progress.report(static_cast<double>(c) / static_cast<double>(chunks.fids.size()),
                    fmt::format("land take per road, land use chunk {} of {}", c + 1, chunks.fids.size()));
    schema::LoadOptions options = chunks.options;
    options.area_of_interest = area;
    options.fids = chunks.fids[c];
    options.running_digest = &digest;
    options.source_notes = &notes;
    schema::LoadedLayer layer = schema::load_layer(chunks.source, landuse::land_use_schema(), options, ctx, loaded);
    record.layer = layer.layer_name;
    record.source_crs = layer.source_crs;
    record.features += layer.features.size();
    read += layer.features_read;
    const auto& limits = chunks.options.limits;
    if (limits.max_features != 0 && read > limits.max_features) {
      throw io::too_many_features(chunks.source.path, layer.layer_name, limits);
    }
    cut_and_keep_taken(landuse::to_parcels(std::move(layer), classed, &keys), polygons, config.threads, out, a);
  }
  record.sha256 = digest ? digest->finish() : std::string();
  a.land_use_record = std::move(record);
  diagnostics.append(notes);
  diagnostics.append(loaded);
  diagnostics.append(classed);
  return out;
}

// The land use cut by every work, read whole (and handed over by `inputs`) or chunk by chunk.
std::vector<std::vector<overlay::TakePiece>> cut_land_use(const ScenarioConfig& config,
                                                          ScenarioInputs& inputs,
                                                          const std::vector<const geom::Geometry*>& polygons,
                                                          const geom::GeosContext& ctx,
                                                          Diagnostics& diagnostics,
                                                          const Progress& progress, ScenarioAnalysis& a) {
  if (!inputs.land_use_chunks) {
    std::vector<std::vector<overlay::TakePiece>> pieces(polygons.size());
    cut_and_keep_taken(std::move(inputs.parcels), polygons, config.threads, pieces, a);
    return pieces;
  }
  const auto& chunks = *inputs.land_use_chunks;
  Diagnostics found;
  auto pieces = cut_by_chunks(chunks, chunks.options.area_of_interest, polygons, config, ctx, found,
                              progress, a);
  if (a.land_use_record->features == 0) {
    // Nothing within reach: the whole layer, as a whole read does (an empty layer is refused).
    found = Diagnostics{};
    pieces = cut_by_chunks(chunks, std::nullopt, polygons, config, ctx, found, progress, a);
    if (a.land_use_record->features == 0) {
      throw InputError(nothing_to_analyse,
                       ErrorContext{.path = chunks.source.path, .layer = a.land_use_record->layer});
    }
  }
  // The land use is the first layer a whole read checks: its findings come first.
  found.append(diagnostics);
  diagnostics = std::move(found);
  return pieces;
}

// Land-use parcels that overlap inside the rights-of-way: the land use should be a partition
// (the 三调 survey is one), and where it is not the classes count the shared part twice.
void record_overlapping_parcels(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                                Diagnostics& diagnostics) {
  std::vector<std::size_t> overlapping = a.existing_take.overlapping_parcels;
  overlapping.insert(overlapping.end(), a.proposal_take.overlapping_parcels.begin(),
                     a.proposal_take.overlapping_parcels.end());
  if (overlapping.empty()) return;
  std::sort(overlapping.begin(), overlapping.end());
  overlapping.erase(std::unique(overlapping.begin(), overlapping.end()), overlapping.end());
  const auto records = input_records(inputs, a);
  const auto land_use = std::find_if(records.begin(), records.end(),
                                     [](const InputRecord& r) { return r.layer_type == "land_use"; });
  const Diagnostic kind{
      .code = "landuse.parcels_overlap", .severity = Severity::Warning,
      .path = land_use == records.end() ? "" : land_use->path,
      .layer = land_use == records.end() ? "land_use" : land_use->layer,
      .message = "land-use parcels overlap inside the rights-of-way: the shared part counts in "
                 "each parcel's class, so the classes add up to more than the land they cover "
                 "and 'unclassified' is short by as much (totals still count each m2 once)",
      .action = "flagged", .feature_ids = {}};
  for (const std::size_t p : overlapping) diagnostics.record(kind, a.taken_parcels[p].fid);
}

// Rights-of-way, land take, protected zones, crossings and corridor fragmentation.
void analyse_overlay(const ScenarioConfig& config, ScenarioInputs& inputs,
                     const std::vector<const roads::Road*>& existing, const geom::GeosContext& ctx,
                     Diagnostics& diagnostics, const Progress& progress, const TakesReady& takes_ready,
                     ScenarioAnalysis& a) {
  progress.report(0.0, "rights-of-way and land take");
  a.rights_of_way = overlay::build_rights_of_way(a.lines, a.worker_contexts, config.threads);
  progress.report(0.12, "grouping lines into roads");
  a.works = overlay::group_works(a.lines, a.rights_of_way, a.worker_contexts, config.threads);
  progress.report(0.15, "land take per road");
  std::vector<const geom::Geometry*> all_rows;
  for (const auto& work : a.works) all_rows.push_back(&work.right_of_way);
  auto pieces = cut_land_use(config, inputs, all_rows, ctx, diagnostics, progress.sub(0.15, 0.45), a);
  const auto& parcels = a.taken_parcels;
  a.work_takes.resize(a.works.size());
  parallel_items(a.works.size(), config.threads, [] { return 0; }, [&](int, std::size_t w) {
    WorkTake& take = a.work_takes[w];
    take.pieces = std::move(pieces[w]);
    take.breakdown = overlay::summarise_take(take.pieces, parcels, a.works[w].area_m2);
  });
  if (takes_ready) takes_ready(a);
  progress.report(0.45, "dissolved land take");
  // The union itself is needed only to meet protected zones.
  const bool keep_union = !inputs.constraints.empty();
  a.existing_take = scope_take(a, parcels, false, config.threads, keep_union);
  progress.report(0.75, "dissolved land take of the proposals");
  a.proposal_take = scope_take(a, parcels, true, config.threads, keep_union);
  record_overlapping_parcels(inputs, a, diagnostics);
  progress.report(0.76, "protected zones and crossings");
  a.conflicts = overlay::find_conflicts(ctx, a.works, a.lines, inputs.constraints);
  progress.report(0.77, "protected zones, all roads together");
  if (!inputs.constraints.empty()) {  // the tiles are copied into works only to meet zones
    a.all_proposals_conflicts = overlay::find_conflicts(ctx, tile_works(ctx, a.proposal_take),
                                                        a.lines, inputs.constraints);
    a.all_existing_conflicts = overlay::find_conflicts(ctx, tile_works(ctx, a.existing_take),
                                                       a.lines, inputs.constraints);
  }
  progress.report(0.78, "river and corridor crossings");
  a.crossings = overlay::find_crossings(a.works, a.lines, inputs.river_lines, inputs.river_areas,
                                        inputs.corridors, existing, config.threads);
  record_findings(a, diagnostics);
  progress.report(0.9, "corridor fragmentation");
  analyse_fragmentation(ctx, inputs, a);
}

}  // namespace

void analyse(const ScenarioConfig& config, ScenarioInputs& inputs, const geom::GeosContext& ctx,
             Diagnostics& diagnostics, const Progress& progress, ScenarioAnalysis& a,
             const TakesReady& takes_ready) {
  std::vector<const roads::Road*> existing;
  for (const auto& road : inputs.roads) {
    if (road.status == roads::RoadStatus::Existing) existing.push_back(&road);
  }
  a.lines = existing;
  for (const auto& line : inputs.proposals) a.lines.push_back(&line);

  // The steps' shares of the progress are those they took in runs on synthetic cities of
  // 100 000 and 1 000 000 parcels (rough: they vary with the inputs).
  const double overlay_end = config.run_network ? 0.7 : 1.0;
  if (config.run_overlay) {
    analyse_overlay(config, inputs, existing, ctx, diagnostics, progress.sub(0.0, overlay_end),
                    takes_ready, a);
  }
  if (!config.run_network) {
    progress.report(1.0);
    return;
  }
  progress.report(overlay_end, "road networks");
  a.has_network = true;
  std::vector<const roads::Road*> scenario_lines = existing;
  for (const auto& line : inputs.proposals) {
    if (line.kind == roads::WorkKind::Road) scenario_lines.push_back(&line);
  }
  a.zones = inputs.zones;
  a.baseline = analyse_network("baseline", existing, config, inputs, a.zones, diagnostics);
  if (scenario_lines.size() == existing.size()) {  // no proposed roads: the same network
    a.scenario = a.baseline;
    a.scenario.label = "scenario";
  } else {
    a.scenario = analyse_network("scenario", std::move(scenario_lines), config, inputs, a.zones,
                                 diagnostics);
  }
  progress.report(1.0);
}

}  // namespace cx::scenario
