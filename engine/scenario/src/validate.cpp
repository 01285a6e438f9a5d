#include "cx/scenario/validate.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "cx/constraints/constraint_layer.hpp"
#include "cx/corridors/corridor_layer.hpp"
#include "cx/geom/geos_context.hpp"
#include "cx/landuse/land_use_layer.hpp"
#include "cx/rivers/river_layers.hpp"
#include "cx/roads/road_layer.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_inputs.hpp"
#include "cx/schema/feature_keys.hpp"
#include "cx/zones/zone_layer.hpp"

namespace cx::scenario {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The geometry family most features of a raw layer have (ISO WKB type codes), for a layer
// checked without a type: the loader then names every feature of another family.
schema::GeometryFamily majority_family(const io::RawLayer& raw) {
  std::map<schema::GeometryFamily, std::size_t> counts;
  for (const auto& f : raw.features) {
    if (f.wkb.size() < 5) continue;
    std::uint32_t type = 0;
    std::memcpy(&type, f.wkb.data() + 1, sizeof type);  // the reader writes little-endian WKB
    switch (type % 1000) {
      case 1:
      case 4: ++counts[schema::GeometryFamily::Point]; break;
      case 2:
      case 5: ++counts[schema::GeometryFamily::Line]; break;
      default: ++counts[schema::GeometryFamily::Polygon]; break;
    }
  }
  auto best = schema::GeometryFamily::Polygon;
  std::size_t most = 0;
  for (const auto& [family, n] : counts) {
    if (n > most) best = family, most = n;
  }
  return best;
}

const schema::LayerSchema* schema_of(const std::string& type) {
  for (const auto& entry : layer_types()) {
    if (type == entry.name) return &entry.schema();
  }
  return nullptr;
}

// The domain checks a run makes after loading (class codes, widths, kinds, ...), one feature
// at a time so that every refused feature is reported, not only the first.
void convert(const std::string& type, schema::LoadedLayer&& layer, Diagnostics& diagnostics) {
  static const roads::RoadClassTable classes;
  if (type == "land_use") (void)landuse::to_parcels(std::move(layer), diagnostics);
  else if (type == "roads" || type == "proposals") (void)roads::to_roads(std::move(layer), diagnostics, classes);
  else if (type == "zones" || type == "facilities") (void)zones::to_zones(std::move(layer));
  else if (type == "river_lines" || type == "river_areas") (void)rivers::to_rivers(std::move(layer));
  else if (type == "eco_corridor") (void)corridors::to_corridors(std::move(layer));
  else if (type == "constraints") (void)constraints::to_constraints(std::move(layer));
}

void check_features(const std::string& type, schema::LoadedLayer& loaded, Diagnostics& diagnostics,
                    std::size_t& usable) {
  if (loaded.schema->find("id") != nullptr) {
    try {
      (void)schema::feature_keys(loaded, "id");
    } catch (const InputError& e) {
      schema::record_refusal(e, diagnostics);
    }
  }
  usable = 0;
  for (auto& feature : loaded.features) {
    schema::LoadedLayer one;
    one.source = loaded.source;
    one.schema = loaded.schema;
    one.layer_name = loaded.layer_name;
    one.features.push_back(std::move(feature));
    try {
      convert(type, std::move(one), diagnostics);
      ++usable;
    } catch (const InputError& e) {
      schema::record_refusal(e, diagnostics);
    }
  }
}

LayerVerdict validate_layer(const schema::LayerSource& source, const ValidateOptions& options,
                            const geom::GeosContext& ctx) {
  Diagnostics diagnostics;
  const std::string& path = source.path;
  const std::string& layer = source.layer;
  LayerVerdict verdict{.path = path, .layer = layer, .type = {}, .source_crs = {}, .features = 0,
                       .refusal = {}, .usable = true};
  std::string type = options.as_type.empty() ? type_from_layer_name(layer).value_or("") : options.as_type;
  try {
    schema::LayerSchema untyped;
    const schema::LayerSchema* layer_schema = nullptr;
    if (type == "rivers" || type.empty()) {
      const auto family = majority_family(io::read_layer(path, layer, io::ReadOptions{.limits = options.limits,
                                                                                     .encoding = options.encoding}));
      if (type == "rivers") type = family == schema::GeometryFamily::Line ? "river_lines" : "river_areas";
      untyped = schema::LayerSchema{.name = layer, .geometry = family, .fields = {}};
    }
    layer_schema = type.empty() ? &untyped : schema_of(type);
    if (layer_schema == nullptr) {
      throw ConfigError("unknown layer type '" + type + "' (expected land_use, roads, proposals, zones, "
                        "facilities, rivers, river_lines, river_areas, eco_corridor or constraints)");
    }
    verdict.type = type;
    const schema::LoadOptions load{.working_crs = crs::Crs::from_user_input(options.working_crs),
                                   .on_invalid = options.on_invalid, .limits = options.limits,
                                   .collect_refusals = true};
    schema::LoadedLayer loaded = schema::load_layer(source, *layer_schema, load, ctx, diagnostics);
    verdict.layer = loaded.layer_name;
    verdict.source_crs = loaded.source_crs;
    verdict.features = loaded.features.size();
    if (loaded.features.empty() && needs_features(type)) {  // as a run refuses it
      throw InputError(nothing_to_analyse, ErrorContext{.path = path, .layer = loaded.layer_name});
    }
    if (!type.empty()) check_features(type, loaded, diagnostics, verdict.features);
  } catch (const ConfigError&) {
    throw;  // a wrong --as: the command line's fault, not the layer's
  } catch (const Error& e) {
    verdict.refusal = e.what();
  }
  verdict.findings = diagnostics.items();
  verdict.usable = verdict.refusal.empty() &&
                   std::none_of(verdict.findings.begin(), verdict.findings.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::Error; });
  return verdict;
}

}  // namespace

bool ValidationReport::usable() const {
  return std::all_of(layers.begin(), layers.end(), [](const LayerVerdict& l) { return l.usable; });
}

std::optional<std::string> type_from_layer_name(const std::string& layer) {
  static const std::map<std::string, std::string> names{
      {"land_use", "land_use"},     {"landuse", "land_use"},       {"roads", "roads"},
      {"road", "roads"},            {"proposals", "proposals"},   {"zones", "zones"},
      {"facilities", "facilities"}, {"river_lines", "river_lines"}, {"river_areas", "river_areas"},
      {"rivers", "rivers"},         {"eco_corridor", "eco_corridor"}, {"corridors", "eco_corridor"},
      {"constraints", "constraints"}};
  const auto found = names.find(lower(layer));
  if (found == names.end()) return std::nullopt;
  return found->second;
}

ValidationReport validate_source(const std::string& path, const ValidateOptions& options) {
  const std::vector<std::string> layers =
      options.layer.empty() ? io::list_layers(path) : std::vector<std::string>{options.layer};
  const geom::GeosContext ctx;
  ValidationReport report;
  for (const auto& layer : layers) {
    const schema::LayerSource source{.path = path, .layer = layer, .declared_crs = options.declared_crs,
                                     .encoding = options.encoding, .fields = options.fields, .constants = {}};
    report.layers.push_back(validate_layer(source, options, ctx));
  }
  return report;
}

ValidationReport validate_scenario(const std::string& scenario_file) {
  const ScenarioConfig config = parse_scenario_file(scenario_file);
  const geom::GeosContext ctx;
  ValidationReport report;
  for (const auto& entry : layer_types()) {
    const auto found = config.layers.find(entry.name);
    if (found == config.layers.end()) continue;
    const ValidateOptions options{.layer = found->second.layer, .as_type = entry.name,
                                  .working_crs = config.working_crs, .declared_crs = found->second.declared_crs,
                                  .encoding = found->second.encoding, .fields = found->second.fields,
                                  .on_invalid = config.on_invalid, .limits = config.limits};
    report.layers.push_back(validate_layer(found->second, options, ctx));
  }
  return report;
}

}  // namespace cx::scenario
