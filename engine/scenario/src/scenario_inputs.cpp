#include "cx/scenario/scenario_inputs.hpp"

#include <algorithm>
#include <exception>
#include <optional>
#include <set>
#include <string_view>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"

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
      throw ConfigError("proposal '" + wanted + "' is not in the proposals layer (it has: " +
                            (list.empty() ? std::string("none") : list) + ")",
                        ErrorContext{.path = config.file.string(), .key = "proposals.include"});
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
  if (type == "roads" || type == "land_use") {
    throw InputError("the layer has no features with a geometry; there is nothing to analyse",
                     ErrorContext{.path = layer.source.path, .layer = layer.layer_name});
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

// Loads the named layers at positions `which`, at the same time.
void load_layers(const ScenarioConfig& config, const std::vector<const LayerTypeEntry*>& named,
                 const std::vector<std::size_t>& which, const schema::LoadOptions& options,
                 const geom::GeosContext& ctx, std::vector<Loaded>& loaded) {
  parallel_items(which.size(), config.threads, [] { return 0; }, [&](int, std::size_t k) {
    const std::size_t i = which[k];
    try {
      loaded[i].layer = schema::load_layer(config.layers.at(named[i]->name), named[i]->schema(),
                                           options, ctx, loaded[i].diagnostics);
    } catch (...) {
      loaded[i].error = std::current_exception();
    }
  });
}

bool is_type(const LayerTypeEntry* entry, std::string_view type) { return entry->name == type; }

// The box, in the working CRS, outside which no right-of-way of these road layers can reach:
// their lines' bounds widened by the farthest any red line could take them (the widest width
// a line or a class may be given, roads::max_width_m, as far as the corridor's mitred bends
// reach). None when a road layer did not load or has no lines.
std::optional<Extent> reach_of_roads(const std::vector<const LayerTypeEntry*>& named,
                                     const std::vector<Loaded>& loaded) {
  Extent lines;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (!is_type(named[i], "roads") && !is_type(named[i], "proposals")) continue;
    if (!loaded[i].layer) return std::nullopt;
    for (const auto& f : loaded[i].layer->features) lines.add(f.geometry.extent());
  }
  if (lines.empty()) return std::nullopt;
  const double reach_m = geom::Geometry::flat_buffer_mitre_limit * roads::max_width_m / 2.0 + 1.0;
  return Extent{lines.min_x - reach_m, lines.min_y - reach_m, lines.max_x + reach_m, lines.max_y + reach_m};
}

// Reads only the land-use parcels the roads can reach: on a city's or a province's survey a
// district's run then reads, checks and holds the district's parcels, not all of them. Parcels
// beyond reach cannot meet any right-of-way, so the land take is the same. If none is within
// reach, the whole layer is read after all (the take is then all unclassified, and an empty
// layer is still refused).
void load_land_use_near_roads(const ScenarioConfig& config, const std::vector<const LayerTypeEntry*>& named,
                              std::size_t at, const schema::LoadOptions& options,
                              const geom::GeosContext& ctx, std::vector<Loaded>& loaded) {
  schema::LoadOptions near = options;
  near.area_of_interest = reach_of_roads(named, loaded);
  load_layers(config, named, {at}, near, ctx, loaded);
  if (near.area_of_interest && loaded[at].layer && loaded[at].layer->features.empty()) {
    loaded[at] = Loaded{};
    load_layers(config, named, {at}, options, ctx, loaded);
    return;
  }
  loaded[at].near_roads_only = near.area_of_interest.has_value();
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
  // For an overlay the land use waits for the roads, to be read only where they reach.
  std::optional<std::size_t> land_use_later;
  const bool has_roads = config.layers.count("roads") != 0 || config.layers.count("proposals") != 0;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (config.run_overlay && has_roads && is_type(named[i], "land_use")) land_use_later = i;
  }
  std::vector<std::size_t> first_round;
  for (std::size_t i = 0; i < named.size(); ++i) {
    if (i != land_use_later) first_round.push_back(i);
  }
  load_layers(config, named, first_round, options, ctx, loaded);
  if (land_use_later) load_land_use_near_roads(config, named, *land_use_later, options, ctx, loaded);
  for (std::size_t t = 0; t < named.size(); ++t) {
    const auto& entry = *named[t];
    // Reading took ~80 % of loading in runs on synthetic cities; checking the rest.
    progress.report(0.8 + 0.2 * static_cast<double>(t) / static_cast<double>(named.size()),
                    std::string("checking ") + entry.name);
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
  progress.report(1.0);
  return inputs;
}

}  // namespace cx::scenario
