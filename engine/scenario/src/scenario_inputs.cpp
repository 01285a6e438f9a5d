#include "cx/scenario/scenario_inputs.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <set>
#include <string_view>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"
#include "cx/crs/extent_check.hpp"
#include "cx/io/vector_reader.hpp"

namespace cx::scenario {
namespace {

// Keeps the proposal lines whose proposal id the scenario includes, refusing unknown ids.
std::vector<roads::Road> select_proposals(std::vector<roads::Road> lines,
                                          const ScenarioConfig& config) {
  std::set<std::string> available;
  for (const auto& line : lines) available.insert(line.proposal_id);
  for (const auto& wanted : config.proposals) {
    if (available.count(wanted) == 0) {
      std::string list;
      for (const auto& id : available) list += (list.empty() ? "" : ", ") + id;
      // Named where the scenario (or the one it extends) named it.
      const auto named = config.proposals_named_at.find(wanted);
      throw ConfigError("proposal '" + wanted + "' is not in the proposals layer (it has: " +
                            (list.empty() ? std::string("none") : list) +
                            "; lines without a geometry are skipped)",
                        named != config.proposals_named_at.end()
                            ? named->second
                            : ErrorContext{.path = config.file.string(), .key = "proposals.include"});
    }
  }
  const std::set<std::string> included(config.proposals.begin(), config.proposals.end());
  std::erase_if(lines, [&](const roads::Road& r) { return included.count(r.proposal_id) == 0; });
  return lines;
}

// Every analysis stands on the roads and the land use: without features there is nothing to
// analyse, which is an error; any other layer may be empty (no protected zones here), which is
// worth a warning.
void report_empty(const std::string& type, const schema::LoadedLayer& layer, Diagnostics& diagnostics) {
  if (needs_features(type)) {
    throw InputError(nothing_to_analyse, ErrorContext{.path = layer.source.path, .layer = layer.layer_name});
  }
  diagnostics.record(Diagnostic{.code = "layer.empty", .severity = Severity::Warning,
                                .path = layer.source.path, .layer = layer.layer_name,
                                .message = "the layer has no features", .action = "used as empty",
                                .feature_ids = {}});
}

struct Loaded {
  std::optional<schema::LoadedLayer> layer;
  Diagnostics diagnostics;
  std::exception_ptr error;  // raised in type order, as if the layers were read one after another
  bool near_roads_only = false;  // only the features the roads can reach were read
};

// Loads one layer; what fails is kept to be raised in type order.
void load_one(const ScenarioConfig& config, const LayerTypeEntry& entry, const schema::LoadOptions& options,
              const geom::GeosContext& ctx, Loaded& out) {
  out = Loaded{};
  try {
    out.layer = schema::load_layer(config.layers.at(entry.name), entry.schema(), options, ctx, out.diagnostics);
  } catch (...) {
    out.error = std::current_exception();
  }
}

bool is_type(const LayerTypeEntry* entry, std::string_view type) { return entry->name == type; }

// The bounds of the road and proposal lines loaded; none when a road layer did not load or
// has no lines.
std::optional<Extent> road_lines_extent(const std::vector<const LayerTypeEntry*>& named,
                                        const std::vector<Loaded>& loaded) {
  Extent lines;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (!is_type(named[i], "roads") && !is_type(named[i], "proposals")) continue;
    if (!loaded[i].layer) return std::nullopt;
    for (const auto& f : loaded[i].layer->features) lines.add(f.geometry.extent());
  }
  if (lines.empty()) return std::nullopt;
  return lines;
}

// The bounds of the road and proposal lines as their sources state them (a hint that may be
// out of date: checked against the lines once read); none when a source states none.
std::optional<Extent> stated_road_lines_extent(const ScenarioConfig& config,
                                               const std::vector<const LayerTypeEntry*>& named,
                                               const crs::Crs& working) {
  Extent lines;
  for (const auto* entry : named) {
    if (!is_type(entry, "roads") && !is_type(entry, "proposals")) continue;
    const auto stated = schema::stated_extent(config.layers.at(entry->name), working);
    if (!stated) return std::nullopt;
    lines.add(*stated);
  }
  if (lines.empty()) return std::nullopt;
  return lines;
}

// The box outside which no right-of-way of lines within `lines` can reach: widened by the
// farthest a red line could take them (the widest width a line or a class may be given,
// roads::max_width_m, as far as the corridor's mitred bends reach).
Extent reach_of(const Extent& lines) {
  const double reach_m = geom::Geometry::flat_buffer_mitre_limit * roads::max_width_m / 2.0 + 1.0;
  return Extent{lines.min_x - reach_m, lines.min_y - reach_m, lines.max_x + reach_m, lines.max_y + reach_m};
}

// The box the land use is read within when it is read near the roads: the reach of the road
// sources' stated extent where that holds every line read, else of the lines read (see
// load_land_use_near_roads, which reads it so); none without lines.
std::optional<Extent> land_use_reach(const std::optional<Extent>& stated, const std::optional<Extent>& lines) {
  if (stated && lines && stated->contains(*lines)) return reach_of(*stated);
  if (lines) return reach_of(*lines);
  return std::nullopt;
}

// Reads only the land-use parcels the roads can reach: on a city's or a province's survey a
// district's run then reads, checks and holds the district's parcels, not all of them. Parcels
// beyond reach cannot meet any right-of-way, so the land take is the same.
//
// Where the road sources state their extent, the land use was read at the same time as the
// roads, within the reach of that statement (`stated`); it is read again only if the lines
// read go beyond it (a statement out of date). Otherwise it is read now, within the reach of
// the lines read. If no parcel is within reach, the whole layer is read after all (the take is
// then all unclassified, and an empty layer is still refused).
void load_land_use_near_roads(const ScenarioConfig& config, const std::vector<const LayerTypeEntry*>& named,
                              std::size_t at, const std::optional<Extent>& stated,
                              const schema::LoadOptions& options, const geom::GeosContext& ctx,
                              std::vector<Loaded>& loaded) {
  const auto lines = road_lines_extent(named, loaded);
  if (!stated || !lines || !stated->contains(*lines)) {
    schema::LoadOptions near = options;
    if (lines) near.area_of_interest = reach_of(*lines);
    load_one(config, *named[at], near, ctx, loaded[at]);
    if (!near.area_of_interest) return;
  }
  if (loaded[at].layer && loaded[at].layer->features.empty()) {
    load_one(config, *named[at], options, ctx, loaded[at]);
    return;
  }
  loaded[at].near_roads_only = true;
}

// What one parcel takes in memory while its chunk is cut, from runs on synthetic cities: the
// feature as read, as loaded, its GEOS polygon, index entry and convex ring (rough).
constexpr std::uint64_t parcel_bytes_while_cut = 1000;

// The FID chunks to read the land use in under `config.memory_limit_mb`, a quarter of which
// a chunk's parcels may take (the rest is for the roads, the pieces and the output): the FID
// range split evenly into as many chunks as the feature count needs (even FIDs, even chunks).
// None when the layer fits whole or cannot be opened (reading it whole then reports why).
std::vector<std::pair<long long, long long>> land_use_fid_chunks(const ScenarioConfig& config) {
  if (config.memory_limit_mb == 0) return {};
  std::uint64_t features = 0;
  std::optional<std::pair<long long, long long>> bounds;
  try {
    const auto& source = config.layers.at("land_use");
    features = io::feature_count(source.path, source.layer);
    bounds = io::fid_bounds(source.path, source.layer);
  } catch (const Error&) {
    return {};
  }
  // (A limit beyond a petabyte is no limit; capped so that the bytes do not overflow.)
  const std::uint64_t limit_mb = std::min<std::uint64_t>(config.memory_limit_mb, std::uint64_t{1} << 30);
  const std::uint64_t per_chunk = std::max<std::uint64_t>(1, limit_mb * 1024 * 1024 / 4 / parcel_bytes_while_cut);
  const std::uint64_t count = (features + per_chunk - 1) / per_chunk;
  if (!bounds || count < 2) return {};
  return io::split_fid_span(bounds->first, bounds->second, count);
}

// A working CRS that is projected and in metres can still measure areas wrongly where the data
// lies (Web Mercator, a far UTM zone): warned of, since every figure would carry the error.
void record_working_crs_scale(const crs::Crs& working, const ScenarioInputs& inputs,
                              Diagnostics& diagnostics) {
  Extent lines;
  for (const auto* roads : {&inputs.roads, &inputs.proposals}) {
    for (const auto& road : *roads) lines.add(road.geometry.extent());
  }
  if (const auto problem = crs::check_working_crs_scale(working, lines)) {
    diagnostics.record(Diagnostic{.code = "crs.working_scale", .severity = Severity::Warning,
                                  .path = {}, .layer = {}, .message = *problem, .action = "flagged",
                                  .feature_ids = {}});
  }
}

}  // namespace

ScenarioInputs load_inputs(const ScenarioConfig& config, const crs::Crs& working,
                           const geom::GeosContext& ctx, Diagnostics& diagnostics,
                           const Progress& progress) {
  ScenarioInputs inputs;
  const schema::LoadOptions options{.working_crs = working, .on_invalid = config.on_invalid,
                                    .limits = config.limits, .collect_refusals = false,
                                    .threads = config.threads};
  std::vector<const LayerTypeEntry*> named;
  for (const auto& entry : layer_types()) {
    if (config.layers.count(entry.name) != 0) named.push_back(&entry);
  }
  // The layers are read at the same time: each is mostly GDAL reading one file after the
  // other, which one thread cannot overlap. Loading only hands the geometries to `ctx`, so the
  // loads share nothing; each keeps its findings apart until they are added in type order.
  progress.report(0.0, "reading " + std::to_string(named.size()) + " layers");
  std::vector<Loaded> loaded(named.size());
  // For an overlay the land use is read only where the roads reach: with the others when the
  // road sources state their extent, else after the roads.
  std::optional<std::size_t> land_use;
  const bool has_roads = config.layers.count("roads") != 0 || config.layers.count("proposals") != 0;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (config.run_overlay && has_roads && is_type(named[i], "land_use")) land_use = i;
  }
  // A land use too large for the memory limit is read in chunks during the overlay.
  auto chunks = land_use ? land_use_fid_chunks(config) : std::vector<std::pair<long long, long long>>{};
  std::optional<std::size_t> chunked;
  if (!chunks.empty()) std::swap(chunked, land_use);
  const auto stated = land_use || chunked ? stated_road_lines_extent(config, named, working) : std::nullopt;
  std::vector<std::size_t> first_round;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (i != chunked && (i != land_use || stated)) first_round.push_back(i);
  }
  parallel_items(first_round.size(), config.threads, [] { return 0; }, [&](int, std::size_t k) {
    const std::size_t i = first_round[k];
    schema::LoadOptions own = options;
    if (i == land_use && stated) own.area_of_interest = reach_of(*stated);
    load_one(config, *named[i], own, ctx, loaded[i]);
  });
  if (land_use) load_land_use_near_roads(config, named, *land_use, stated, options, ctx, loaded);
  for (std::size_t t = 0; t < named.size(); ++t) {
    const auto& entry = *named[t];
    // Reading took ~80 % of loading in runs on synthetic cities; checking the rest.
    progress.report(0.8 + 0.2 * static_cast<double>(t) / static_cast<double>(named.size()),
                    std::string("checking ") + entry.name);
    if (t == chunked) {
      const auto& source = config.layers.at(entry.name);
      schema::LoadOptions near = options;
      near.area_of_interest = land_use_reach(stated, road_lines_extent(named, loaded));
      inputs.land_use_chunks = LandUseChunks{source, near, std::move(chunks), inputs.records.size()};
      inputs.records.push_back(InputRecord{entry.name, source.path, source.layer, {}, 0, {}, false});
      continue;
    }
    diagnostics.append(loaded[t].diagnostics);
    if (loaded[t].error) std::rethrow_exception(loaded[t].error);
    schema::LoadedLayer layer = std::move(*loaded[t].layer);
    if (layer.features.empty()) report_empty(entry.name, layer, diagnostics);
    InputRecord record{entry.name, layer.source.path, layer.layer_name, layer.source_crs,
                       layer.features.size(), layer.sha256, loaded[t].near_roads_only};
    const std::string name = entry.name;
    if (name == "land_use") {
      inputs.parcels = landuse::to_parcels(std::move(layer), diagnostics);
    } else if (name == "roads") {
      inputs.roads = roads::to_roads(std::move(layer), diagnostics, config.road_classes);
    } else if (name == "proposals") {
      inputs.proposals =
          select_proposals(roads::to_roads(std::move(layer), diagnostics, config.road_classes), config);
    } else if (name == "zones") {
      inputs.zones = zones::to_zones(std::move(layer));
    } else if (name == "facilities") {
      inputs.facilities = zones::to_zones(std::move(layer));
    } else if (name == "river_lines") {
      inputs.river_lines = rivers::to_rivers(std::move(layer));
    } else if (name == "river_areas") {
      inputs.river_areas = rivers::to_rivers(std::move(layer));
    } else if (name == "eco_corridor") {
      inputs.corridors = corridors::to_corridors(std::move(layer));
    } else if (name == "constraints") {
      inputs.constraints = constraints::to_constraints(std::move(layer));
    }
    inputs.records.push_back(std::move(record));
  }
  record_working_crs_scale(working, inputs, diagnostics);
  progress.report(1.0);
  return inputs;
}

}  // namespace cx::scenario
