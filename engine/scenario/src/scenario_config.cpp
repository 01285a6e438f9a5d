#include "cx/scenario/scenario_config.hpp"

#include "cx/network/graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cx/corridors/corridor_layer.hpp"
#include "cx/constraints/constraint_layer.hpp"
#include "cx/crs/crs.hpp"
#include "cx/io/vector_reader.hpp"
#include "cx/landuse/land_use_layer.hpp"
#include "cx/rivers/river_layers.hpp"
#include "cx/roads/road_layer.hpp"
#include "cx/zones/zone_layer.hpp"
#include "toml_reader.hpp"

namespace cx::scenario {
namespace {

using detail::TomlTableReader;

std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  return (p.is_absolute() ? p : base_dir / p).lexically_normal();
}

std::string declared_fields(const schema::LayerSchema& s) {
  std::string out;
  for (const auto& f : s.fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

schema::LayerSource read_layer_source(TomlTableReader table, const schema::LayerSchema& s,
                                      const std::filesystem::path& base_dir) {
  schema::LayerSource source;
  source.path = resolve(base_dir, table.required_text("source")).string();
  source.layer = table.text("layer").value_or("");
  source.declared_crs = table.text("crs");
  if (source.declared_crs) {
    try {
      (void)crs::Crs::from_user_input(*source.declared_crs);
    } catch (Error& e) {
      e.add_context(table.where("crs"));
      throw;
    }
  }
  source.encoding = table.text("encoding").value_or("");
  if (!source.encoding.empty() && !io::is_known_encoding(source.encoding)) {
    throw ConfigError("unknown text encoding '" + source.encoding + "' (e.g. GBK, GB18030, UTF-8)",
                      table.where("encoding"));
  }
  if (auto fields = table.table("fields")) {
    for (const auto& logical : fields->keys()) {
      if (s.find(logical) == nullptr) {
        throw ConfigError(fmt::format("'{}' is not a field of a {} layer (its fields: {})",
                                      logical, s.name, declared_fields(s)),
                          fields->where(logical));
      }
    }
    source.fields = fields->all_text();
    fields->finish();
  }
  table.finish();
  return source;
}

void read_network(TomlTableReader table, ScenarioConfig& config) {
  if (auto v = table.number("snap_tolerance_m")) {
    if (*v < 0.0 || *v > 100.0) {
      throw ConfigError("snap_tolerance_m must be between 0 and 100", table.where("snap_tolerance_m"));
    }
    config.snap_tolerance_m = *v;
  }
  if (auto v = table.number("zone_max_snap_m")) {
    if (*v <= 0.0) throw ConfigError("zone_max_snap_m must be above 0", table.where("zone_max_snap_m"));
    config.zone_max_snap_m = *v;
  }
  if (auto v = table.text("noding")) {
    try {
      config.noding = network::parse_noding(*v);
    } catch (ConfigError& e) {
      e.add_context(table.where("noding"));
      throw;
    }
  }
  table.finish();
}

// [limits] max_input_mb / max_features / max_vertices / memory_mb: whole numbers, 0 = no limit.
void read_limits(TomlTableReader table, io::ReadLimits& limits, std::uint64_t& memory_mb) {
  const auto read = [&table](const char* key, std::uint64_t& into) {
    const auto v = table.number(key);
    if (!v) return;
    if (*v < 0.0 || *v != std::floor(*v) || *v > 1e15) {
      throw ConfigError("a limit must be a whole number, 0 or more (0: no limit)", table.where(key));
    }
    into = static_cast<std::uint64_t>(*v);
  };
  read("max_input_mb", limits.max_file_mb);
  read("max_features", limits.max_features);
  read("max_vertices", limits.max_vertices);
  read("memory_mb", memory_mb);
  table.finish();
}

// Layers named here replace those of the same type; a scenario that extends another keeps the
// rest of its layers (so only a scenario on its own must name the required ones).
void read_layers(TomlTableReader table, ScenarioConfig& config,
                 const std::filesystem::path& base_dir) {
  for (const auto& entry : layer_types()) {
    if (auto sub = table.table(entry.name)) {
      config.layers[entry.name] = read_layer_source(*sub, entry.schema(), base_dir);
    } else if (entry.required && config.layers.count(entry.name) == 0) {
      throw ConfigError(std::string("missing required layer [layers.") + entry.name + "]",
                        table.where());
    }
  }
  table.finish();
}

// [road_classes.<class>] width_m / speed_kmh: a planner's own class defaults.
void read_road_classes(TomlTableReader table, roads::RoadClassTable& classes) {
  std::map<roads::RoadClass, std::string> named;  // which key set each class
  for (const auto& name : table.keys()) {
    const auto road_class = roads::parse_road_class(name);
    if (!road_class) {
      throw ConfigError("unknown road class (expected expressway, arterial, secondary, branch or "
                        "channel)",
                        table.where(name));
    }
    // arterial and 主干路 (or motorway) are one class: which of two values would win?
    if (const auto [at, added] = named.try_emplace(*road_class, name); !added) {
      throw ConfigError("'" + at->second + "' and '" + name + "' name the same road class; keep one",
                        table.where(name));
    }
    auto entry = *table.table(name);
    try {
      if (auto width = entry.number("width_m")) classes.set_width(*road_class, *width);
      if (auto speed = entry.number("speed_kmh")) classes.set_speed(*road_class, *speed);
    } catch (Error& e) {
      e.add_context(entry.where());
      throw;
    }
    entry.finish();
  }
  table.finish();
}

schema::InvalidPolicy parse_policy(TomlTableReader& root, schema::InvalidPolicy inherited) {
  const auto given = root.text("on_invalid");
  if (!given) return inherited;
  const std::string text = *given;
  if (text == "repair") return schema::InvalidPolicy::Repair;
  if (text == "fail") return schema::InvalidPolicy::Fail;
  throw ConfigError("on_invalid must be \"repair\" or \"fail\"", root.where("on_invalid"));
}

}  // namespace

const std::vector<LayerTypeEntry>& layer_types() {
  static const std::vector<LayerTypeEntry> types{
      {"land_use", &landuse::land_use_schema, true},
      {"roads", &roads::road_schema, true},
      {"zones", &zones::zone_schema, false},
      {"facilities", &zones::zone_schema, false},  // named points for service areas
      {"river_lines", &rivers::river_line_schema, false},
      {"river_areas", &rivers::river_area_schema, false},
      {"eco_corridor", &corridors::corridor_schema, false},
      {"constraints", &constraints::constraint_schema, false},
      {"proposals", &roads::proposal_schema, false},
  };
  return types;
}

namespace {

// [proposals]: `include` replaces the list (of the scenario extended, if any); `add` and `remove`
// change it.
// The ids of list `key`, each once (a repeat is a slip worth hearing of).
std::vector<std::string> id_list(TomlTableReader& table, const std::string& key) {
  std::vector<std::string> ids = table.text_list(key);
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) throw ConfigError("[proposals] " + key + " names '" + id + "' twice", table.where(key));
  }
  return ids;
}

void read_proposals(TomlTableReader table, ScenarioConfig& config) {
  if (table.has("include")) {
    config.proposals = id_list(table, "include");
    config.proposals_named_at.clear();
    for (const auto& id : config.proposals) config.proposals_named_at[id] = table.where("include");
  }
  for (const auto& id : id_list(table, "add")) {
    if (std::find(config.proposals.begin(), config.proposals.end(), id) == config.proposals.end()) {
      config.proposals.push_back(id);
      config.proposals_named_at[id] = table.where("add");
    }
  }
  for (const auto& id : id_list(table, "remove")) {
    const auto at = std::find(config.proposals.begin(), config.proposals.end(), id);
    if (at == config.proposals.end()) {
      throw ConfigError("[proposals] remove names '" + id + "', which the scenario does not include",
                        table.where("remove"));
    }
    config.proposals.erase(at);
    config.proposals_named_at.erase(id);
  }
  table.finish();
}

ScenarioConfig parse_file(const std::filesystem::path& file, std::vector<std::filesystem::path>& chain) {
  const toml::table document = detail::parse_toml_file(file);
  TomlTableReader root(document, "", file);
  const std::filesystem::path base_dir = file.parent_path();
  ScenarioConfig config;
  // `extends`: start from another scenario (its paths resolved against its own file), then
  // change what this file says.
  if (auto parent = root.text("extends")) {
    const auto parent_file = resolve(base_dir, *parent);
    const auto canonical = std::filesystem::weakly_canonical(parent_file);
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
      throw ConfigError("extends makes a loop: " + parent_file.string() + " extends this file again",
                        root.where("extends"));
    }
    if (!std::filesystem::is_regular_file(parent_file)) {
      throw ConfigError("extends names a file that does not exist: " + parent_file.string(), root.where("extends"));
    }
    chain.push_back(canonical);
    config = parse_file(parent_file, chain);
    config.extends.insert(config.extends.begin(), parent_file);
  }
  config.file = file;
  config.name = root.text("name").value_or(file.stem().string());
  // Without an output, the name makes it, out/<name>.gpkg: a path in it would write elsewhere.
  const auto output = root.text("output");
  if (!output && (config.name.empty() || config.name == "." || config.name == ".." ||
                  config.name.find_first_of("/\\") != std::string::npos)) {
    throw ConfigError("without an output, the name must be a plain name, without / or \\ (it "
                      "names the output out/<name>.gpkg)",
                      root.where("name"));
  }
  config.title = root.text("title").value_or(config.name);
  if (auto crs_text = root.text("working_crs")) {
    try {
      const crs::Crs working = crs::Crs::from_user_input(*crs_text);
      if (!working.is_projected_in_metres()) {
        throw ConfigError("the working CRS must be projected, in metres (e.g. EPSG:4547)" +
                          (working.is_projected() ? "; '" + *crs_text + "' is in the " + working.linear_unit()
                                                  : std::string()));
      }
    } catch (Error& e) {
      e.add_context(root.where("working_crs"));
      throw;
    }
    config.working_crs = *crs_text;
  }
  // Never the extended scenario's output: each scenario writes its own file.
  config.output = resolve(base_dir, output.value_or("out/" + config.name + ".gpkg"));
  config.on_invalid = parse_policy(root, config.on_invalid);
  if (auto network = root.table("network")) read_network(*network, config);
  if (auto limits = root.table("limits")) read_limits(*limits, config.limits, config.memory_limit_mb);
  if (auto classes = root.table("road_classes")) read_road_classes(*classes, config.road_classes);
  if (auto layers = root.table("layers")) {
    read_layers(*layers, config, base_dir);
  } else if (config.layers.empty()) {
    throw ConfigError("missing [layers] section", root.where());
  }
  if (auto proposals = root.table("proposals")) read_proposals(*proposals, config);
  if (!config.proposals.empty() && config.layers.count("proposals") == 0) {
    throw ConfigError("[proposals] include names proposals but there is no [layers.proposals]",
                      root.where("proposals"));
  }
  root.finish();
  return config;
}

}  // namespace

ScenarioConfig parse_scenario_file(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> chain{std::filesystem::weakly_canonical(file)};
  return parse_file(file, chain);
}

}  // namespace cx::scenario
