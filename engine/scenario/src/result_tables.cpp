#include "result_tables.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "cx/core/units.hpp"
#include "cx/landuse/land_use_classes.hpp"

namespace cx::scenario::detail {
namespace {

using io::FieldValue;
using output::Column;
using output::ColumnType;
using output::GeometryKind;
using output::Row;
using output::TableSchema;

FieldValue text(std::string v) { return FieldValue{std::move(v)}; }
FieldValue integer(std::int64_t v) { return FieldValue{v}; }
FieldValue real(double v) { return FieldValue{v}; }
FieldValue optional_real(std::optional<double> v) { return v ? real(*v) : FieldValue{}; }

void sort_by_first_column(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::get<std::string>(a.values[0]) < std::get<std::string>(b.values[0]);
  });
}

// Paths as written in the output: relative to the scenario's folder, so that the same
// scenario run from another checkout writes the same bytes.
std::string display_path(const std::string& path, const ScenarioConfig& config) {
  const auto base = config.file.parent_path();
  const auto relative = std::filesystem::path(path).lexically_relative(base);
  return relative.empty() ? path : relative.generic_string();
}

geom::Geometry as_multi_polygon(const geom::Geometry& g) {
  return g.type() == geom::GeometryType::MultiPolygon ? g.clone() : g.polygonal_parts();
}

OutputTable rights_of_way_table(const ScenarioAnalysis& a) {
  OutputTable t{{"row", GeometryKind::MultiPolygon,
                 {{"line_key", ColumnType::Text}, {"proposal_id", ColumnType::Text},
                  {"road_name", ColumnType::Text}, {"road_class", ColumnType::Text},
                  {"status", ColumnType::Text}, {"width_m", ColumnType::Real},
                  {"area_m2", ColumnType::Real}},
                 "Right-of-way (red-line corridor) of every road and proposal line: the centre "
                 "line buffered by half the red-line width with flat ends. Per line; overlaps at "
                 "junctions are counted in each line."},
                {}};
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const auto& line = *a.lines[i];
    t.rows.push_back(Row{{text(line_key(line)), text(line.proposal_id), text(line.name),
                          text(std::string(roads::to_string(line.road_class))),
                          text(std::string(roads::to_string(line.status))), real(line.width_m),
                          real(a.rights_of_way[i].area_m2)},
                         as_multi_polygon(a.rights_of_way[i].polygon).to_wkb()});
  }
  sort_by_first_column(t.rows);
  return t;
}

OutputTable land_take_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"land_take", GeometryKind::MultiPolygon,
                 {{"piece_key", ColumnType::Text}, {"line_key", ColumnType::Text},
                  {"proposal_id", ColumnType::Text}, {"parcel_id", ColumnType::Text},
                  {"code", ColumnType::Text}, {"level1", ColumnType::Text},
                  {"class_name", ColumnType::Text}, {"area_m2", ColumnType::Real},
                  {"area_ha", ColumnType::Real}, {"area_mu", ColumnType::Real}},
                 "Land take: each line's right-of-way cut by land-use parcels, one piece per "
                 "line and parcel (per line, not dissolved; see land_take_by_class for totals)."},
                {}};
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const std::string key = line_key(*a.lines[i]);
    for (const auto& piece : a.pieces[i]) {
      const auto& parcel = inputs.parcels[piece.parcel_index];
      t.rows.push_back(Row{{text(key + "|" + parcel.key), text(key),
                            text(a.lines[i]->proposal_id), text(parcel.key), text(parcel.code),
                            text(parcel.level1), text(parcel.name), real(piece.area_m2),
                            real(units::m2_to_ha(piece.area_m2)),
                            real(units::m2_to_mu(piece.area_m2))},
                           as_multi_polygon(piece.geometry).to_wkb()});
    }
  }
  sort_by_first_column(t.rows);
  return t;
}

void add_take_rows(std::vector<Row>& rows, const std::string& scope,
                   const overlay::DissolvedTake& take) {
  const auto add = [&](const std::string& level, const std::string& code, std::string name_zh,
                       std::string name_en, double area_m2) {
    const double share = take.total_m2 > 0.0 ? area_m2 / take.total_m2 : 0.0;
    rows.push_back(Row{{text(scope + "|" + level + "|" + code), text(scope), text(level),
                        text(code), text(std::move(name_zh)), text(std::move(name_en)),
                        real(area_m2), real(units::m2_to_ha(area_m2)),
                        real(units::m2_to_mu(area_m2)), real(share)},
                       {}});
  };
  for (const auto& c : take.by_level1) {
    const auto* cls = landuse::first_level_class(c.code);
    add("1", c.code, cls ? std::string(cls->name_zh) : "", cls ? std::string(cls->name_en) : "",
        c.area_m2);
  }
  for (const auto& c : take.by_code) {
    const auto* cls = landuse::second_level_class(c.code.substr(0, 4));
    add("2", c.code, cls ? std::string(cls->name_zh) : "", cls ? std::string(cls->name_en) : "",
        c.area_m2);
  }
  add("total", "unclassified", "未分类", "not covered by any parcel", take.unclassified_m2);
  add("total", "total", "合计", "total (dissolved right-of-way)", take.total_m2);
}

OutputTable take_by_class_table(const ScenarioAnalysis& a) {
  OutputTable t{{"land_take_by_class", GeometryKind::None,
                 {{"row_key", ColumnType::Text}, {"scope", ColumnType::Text},
                  {"level", ColumnType::Text}, {"code", ColumnType::Text},
                  {"name_zh", ColumnType::Text}, {"name_en", ColumnType::Text},
                  {"area_m2", ColumnType::Real}, {"area_ha", ColumnType::Real},
                  {"area_mu", ColumnType::Real}, {"share", ColumnType::Real}},
                 "Land take by class, each square metre counted once (union of the rights-of-way "
                 "of the scope): scope existing_roads = the baseline network, proposals = what "
                 "the scenario adds. 1 ha = 15 mu."},
                {}};
  add_take_rows(t.rows, "existing_roads", a.existing_take);
  add_take_rows(t.rows, "proposals", a.proposal_take);
  sort_by_first_column(t.rows);
  return t;
}

std::vector<OutputTable> network_tables(const ScenarioAnalysis& a, const geom::GeosContext& ctx) {
  OutputTable nodes{{"network_nodes", GeometryKind::Point,
                     {{"node_key", ColumnType::Text}, {"network", ColumnType::Text},
                      {"node_id", ColumnType::Integer}, {"component", ColumnType::Integer},
                      {"degree", ColumnType::Integer}, {"z_level", ColumnType::Integer}},
                     "Road graph junctions of the baseline and scenario networks."},
                    {}};
  OutputTable edges{{"network_edges", GeometryKind::LineString,
                     {{"edge_key", ColumnType::Text}, {"network", ColumnType::Text},
                      {"edge_id", ColumnType::Integer}, {"line_key", ColumnType::Text},
                      {"from_node", ColumnType::Integer}, {"to_node", ColumnType::Integer},
                      {"length_m", ColumnType::Real}, {"time_min", ColumnType::Real},
                      {"component", ColumnType::Integer}, {"oneway", ColumnType::Integer},
                      {"bridge", ColumnType::Integer}},
                     "Road graph edges of the baseline and scenario networks (endpoints noding)."},
                    {}};
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    const auto& graph = n->graph;
    for (std::uint32_t i = 0; i < graph.node_count(); ++i) {
      const network::NodeId id(i);
      const auto& node = graph.node(id);
      nodes.rows.push_back(Row{{text(fmt::format("{}:N{:06}", n->label, i)), text(n->label),
                                integer(i), integer(n->components.of_node[i]),
                                integer(static_cast<std::int64_t>(graph.degree(id))),
                                integer(node.z_level)},
                               geom::Geometry::point(ctx, node.xy).to_wkb()});
    }
    for (std::uint32_t i = 0; i < graph.edge_count(); ++i) {
      const auto& e = graph.edge(network::EdgeId(i));
      const auto& line = *n->lines[e.road_index];
      const geom::Geometry shape = line.geometry.type() == geom::GeometryType::LineString
                                       ? line.geometry.clone()
                                       : line.geometry.part(e.part);
      const int oneway = e.forward && e.backward ? 0 : (e.forward ? 1 : -1);
      edges.rows.push_back(Row{{text(fmt::format("{}:E{:06}", n->label, i)), text(n->label),
                                integer(i), text(line_key(line)), integer(e.from.value()),
                                integer(e.to.value()), real(e.length_m), real(e.time_s / 60.0),
                                integer(n->components.of_node[e.from.value()]), integer(oneway),
                                integer(line.bridge ? 1 : 0)},
                               shape.to_wkb()});
    }
  }
  sort_by_first_column(nodes.rows);
  sort_by_first_column(edges.rows);
  std::vector<OutputTable> out;
  out.push_back(std::move(nodes));
  out.push_back(std::move(edges));
  return out;
}

OutputTable od_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable t{{"od_matrix", GeometryKind::None,
                 {{"pair_key", ColumnType::Text}, {"from_zone", ColumnType::Text},
                  {"to_zone", ColumnType::Text}, {"base_time_min", ColumnType::Real},
                  {"base_distance_m", ColumnType::Real}, {"scen_time_min", ColumnType::Real},
                  {"scen_distance_m", ColumnType::Real}, {"delta_time_min", ColumnType::Real}},
                 "Quickest network travel time and distance between every ordered zone pair, "
                 "baseline and scenario side by side (NULL = unreachable)."},
                {}};
  const std::size_t n = inputs.zones.size();
  const auto minutes = [](const network::PathCost& c) {
    return c.reachable() ? std::optional<double>(c.time_s / 60.0) : std::nullopt;
  };
  const auto metres = [](const network::PathCost& c) {
    return c.reachable() ? std::optional<double>(c.length_m) : std::nullopt;
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const auto& base = a.baseline.od.at(i, j);
      const auto& scen = a.scenario.od.at(i, j);
      std::optional<double> delta;
      if (base.reachable() && scen.reachable()) delta = (scen.time_s - base.time_s) / 60.0;
      t.rows.push_back(Row{{text(inputs.zones[i].key + ">" + inputs.zones[j].key),
                            text(inputs.zones[i].key), text(inputs.zones[j].key),
                            optional_real(minutes(base)), optional_real(metres(base)),
                            optional_real(minutes(scen)), optional_real(metres(scen)),
                            optional_real(delta)},
                           {}});
    }
  }
  sort_by_first_column(t.rows);
  return t;
}

OutputTable zone_table(const ScenarioInputs& inputs, const ScenarioAnalysis& a,
                       const geom::GeosContext& ctx) {
  OutputTable t{{"zones", GeometryKind::Point,
                 {{"zone_id", ColumnType::Text}, {"name", ColumnType::Text},
                  {"population", ColumnType::Integer}, {"jobs", ColumnType::Integer},
                  {"base_node", ColumnType::Integer}, {"base_snap_m", ColumnType::Real},
                  {"scen_node", ColumnType::Integer}, {"scen_snap_m", ColumnType::Real}},
                 "Analysis zones and the network node each joins (NULL node = farther than "
                 "zone_max_snap_m, left out of the OD matrix)."},
                {}};
  const auto node_value = [](const network::ZoneSnap& s) {
    return s.snapped() ? integer(s.node.value()) : FieldValue{};
  };
  for (std::size_t z = 0; z < inputs.zones.size(); ++z) {
    const auto& zone = inputs.zones[z];
    t.rows.push_back(Row{{text(zone.key), text(zone.name), integer(zone.population),
                          integer(zone.jobs), node_value(a.baseline.snaps[z]),
                          real(a.baseline.snaps[z].distance_m), node_value(a.scenario.snaps[z]),
                          real(a.scenario.snaps[z].distance_m)},
                         geom::Geometry::point(ctx, zone.location).to_wkb()});
  }
  sort_by_first_column(t.rows);
  return t;
}

OutputTable network_summary_table(const ScenarioAnalysis& a) {
  OutputTable t{{"network_summary", GeometryKind::None,
                 {{"network", ColumnType::Text}, {"nodes", ColumnType::Integer},
                  {"edges", ColumnType::Integer}, {"components", ColumnType::Integer},
                  {"largest_component_nodes", ColumnType::Integer},
                  {"zones_snapped", ColumnType::Integer}, {"reachable_pairs", ColumnType::Integer},
                  {"mean_od_time_min", ColumnType::Real}},
                 "Size and connectivity of the baseline and scenario road networks."},
                {}};
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    const auto snapped = std::count_if(n->snaps.begin(), n->snaps.end(),
                                       [](const auto& s) { return s.snapped(); });
    t.rows.push_back(Row{{text(n->label), integer(static_cast<std::int64_t>(n->graph.node_count())),
                          integer(static_cast<std::int64_t>(n->graph.edge_count())),
                          integer(static_cast<std::int64_t>(n->components.count())),
                          integer(n->components.count() ? n->components.node_counts[0] : 0),
                          integer(snapped), integer(static_cast<std::int64_t>(n->reachable_pairs())),
                          optional_real(n->mean_od_time_min())},
                         {}});
  }
  sort_by_first_column(t.rows);
  return t;
}

OutputTable diagnostics_table(const ScenarioConfig& config, const Diagnostics& diagnostics) {
  OutputTable t{{"diagnostics", GeometryKind::None,
                 {{"code", ColumnType::Text}, {"severity", ColumnType::Text},
                  {"path", ColumnType::Text}, {"layer", ColumnType::Text},
                  {"message", ColumnType::Text}, {"action", ColumnType::Text},
                  {"count", ColumnType::Integer}, {"feature_ids", ColumnType::Text}},
                 "What the run repaired, skipped or flagged, with the source feature ids."},
                {}};
  for (const auto& d : diagnostics.items()) {
    std::string ids;
    for (const auto id : d.feature_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    const char* severity = d.severity == Severity::Error     ? "error"
                           : d.severity == Severity::Warning ? "warning"
                                                             : "info";
    t.rows.push_back(Row{{text(d.code), text(severity),
                          text(d.path.empty() ? "" : display_path(d.path, config)), text(d.layer),
                          text(d.message), text(d.action),
                          integer(static_cast<std::int64_t>(d.feature_ids.size())), text(ids)},
                         {}});
  }
  return t;
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

OutputTable metadata_table(const ScenarioConfig& config, const ScenarioInputs& inputs,
                           const std::string& engine_version) {
  OutputTable t{{"run_metadata", GeometryKind::None,
                 {{"key", ColumnType::Text}, {"value", ColumnType::Text}},
                 "How this file was made: engine version, scenario and inputs."},
                {}};
  const auto add = [&](std::string key, std::string value) {
    t.rows.push_back(Row{{text(std::move(key)), text(std::move(value))}, {}});
  };
  add("engine", "crossaxis " + engine_version);
  add("scenario.name", config.name);
  add("scenario.title", config.title);
  add("scenario.file", config.file.filename().string());
  add("scenario.text", file_text(config.file));
  add("working_crs", config.working_crs);
  std::string proposals;
  for (const auto& p : config.proposals) proposals += (proposals.empty() ? "" : ",") + p;
  add("proposals", proposals);
  for (const auto& r : inputs.records) {
    add("input." + r.layer_type, fmt::format("{}|{}|{} features|{}", display_path(r.path, config),
                                              r.layer, r.features, r.source_crs));
  }
  return t;
}

}  // namespace

std::string line_key(const roads::Road& line) {
  return line.proposal_id.empty() ? line.key : line.proposal_id + "/" + line.key;
}

std::vector<OutputTable> build_result_tables(const ScenarioConfig& config,
                                             const ScenarioInputs& inputs,
                                             const ScenarioAnalysis& analysis,
                                             const Diagnostics& diagnostics,
                                             const std::string& engine_version,
                                             const geom::GeosContext& ctx) {
  std::vector<OutputTable> tables;
  tables.push_back(rights_of_way_table(analysis));
  tables.push_back(land_take_table(inputs, analysis));
  tables.push_back(take_by_class_table(analysis));
  for (auto& t : network_tables(analysis, ctx)) tables.push_back(std::move(t));
  tables.push_back(zone_table(inputs, analysis, ctx));
  tables.push_back(od_table(inputs, analysis));
  tables.push_back(network_summary_table(analysis));
  tables.push_back(diagnostics_table(config, diagnostics));
  tables.push_back(metadata_table(config, inputs, engine_version));
  return tables;
}

}  // namespace cx::scenario::detail
