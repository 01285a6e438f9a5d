#include "result_tables.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <tuple>
#include <optional>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cx/core/units.hpp"
#include "cx/landuse/land_use_classes.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/network/zone_travel.hpp"

namespace cx::scenario::detail {
namespace {

using io::FieldValue;
using output::Column;
using output::ColumnType;
using output::GeometryKind;
using output::Row;
using output::TableSchema;

// Paths as written in the output: relative to the scenario's folder, so that the same
// scenario run from another checkout writes the same bytes.
std::string display_path(const std::string& path, const ScenarioConfig& config) {
  const auto base = config.file.parent_path();
  const auto relative = std::filesystem::path(path).lexically_relative(base);
  return relative.empty() ? path : relative.generic_string();
}

// For each scenario edge, the baseline edge along the same stretch of the same line, if any
// (the existing lines come first in both networks; proposals may split them at new junctions).
std::vector<std::optional<network::EdgeId>> baseline_edges(const ScenarioAnalysis& a) {
  using Stretch = std::tuple<const roads::Road*, int, std::uint32_t, std::uint32_t, double, double>;
  std::map<Stretch, network::EdgeId> base;
  for (std::uint32_t i = 0; i < a.baseline.graph.edge_count(); ++i) {
    const auto& e = a.baseline.graph.edge(network::EdgeId(i));
    base.emplace(Stretch{a.baseline.lines[e.road_index], e.part, e.first_vertex, e.last_vertex,
                       e.start_fraction, e.end_fraction},
                 network::EdgeId(i));
  }
  std::vector<std::optional<network::EdgeId>> out;
  for (const auto& e : a.scenario.graph.edges()) {
    const auto it = base.find(Stretch{a.scenario.lines[e.road_index], e.part, e.first_vertex,
                                     e.last_vertex, e.start_fraction, e.end_fraction});
    out.push_back(it == base.end() ? std::nullopt : std::optional(it->second));
  }
  return out;
}

bool is_critical(const NetworkAnalysis& n, network::EdgeId e) {
  return std::binary_search(n.cut.bridges.begin(), n.cut.bridges.end(), e);
}

// Keys of junctions and links that depend only on where they are, not on the graph's ids:
// junctions are numbered along a curve through all of them, so a junction a proposal adds
// renumbers the rest, and links follow the order the lines came in. The same junction or
// stretch of road then has the same key in both networks and in every run, and a diff of two
// scenarios shows what changed.

// Per link: "<line key>|<part>|<metres along the line part where the link starts>".
std::string link_key(const NetworkAnalysis& n, network::EdgeId id) {
  const auto& e = n.graph.edge(id);
  const auto points = n.lines[e.road_index]->geometry.part_points(e.part);
  const auto step = [&](std::size_t i) { return std::hypot(points[i + 1].x - points[i].x, points[i + 1].y - points[i].y); };
  double from_m = 0.0;
  for (std::uint32_t i = 0; i < e.first_vertex && i + 1 < points.size(); ++i) from_m += step(i);
  if (e.start_fraction > 0.0 && e.first_vertex + 1 < points.size()) from_m += e.start_fraction * step(e.first_vertex);
  return fmt::format("{}|{}|{:.3f}", line_key(*n.lines[e.road_index]), e.part, from_m);
}

/// One row of a network table: the network and the node or edge id in it.
using NetworkRow = std::pair<const NetworkAnalysis*, std::uint32_t>;

/// A network table's rows in key order, with their keys ("<network>:<junction or link key>").
struct KeyedRows {
  std::vector<NetworkRow> rows;
  std::vector<std::string> keys;
};

// The rows of both networks in the order of their keys (as sort_by_key would put them), made
// once so the rows themselves can be made on demand, in that order, while earlier ones are
// written.
std::shared_ptr<const KeyedRows> network_rows_in_key_order(
    const ScenarioAnalysis& a, std::size_t (network::RoadGraph::*count)() const,
    const std::function<std::string(const NetworkAnalysis&, std::uint32_t)>& key_of) {
  std::vector<std::pair<std::string, NetworkRow>> keyed;
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    for (std::uint32_t i = 0; i < (n->graph.*count)(); ++i) {
      keyed.emplace_back(n->label + ":" + key_of(*n, i), NetworkRow{n, i});
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  auto out = std::make_shared<KeyedRows>();
  out->rows.reserve(keyed.size());
  out->keys.reserve(keyed.size());
  for (auto& entry : keyed) {
    out->keys.push_back(std::move(entry.first));
    out->rows.push_back(entry.second);
  }
  return out;
}

std::vector<OutputTable> network_tables(const ScenarioAnalysis& a) {
  OutputTable nodes{{"network_nodes", GeometryKind::Point,
                     {{"node_key", ColumnType::Text}, {"network", ColumnType::Text},
                      {"component", ColumnType::Integer},
                      {"degree", ColumnType::Integer}, {"z_level", ColumnType::Integer},
                      {"critical_junction", ColumnType::Integer}, {"betweenness", ColumnType::Real}},
                     "Road graph junctions of the baseline and scenario networks, keyed by where "
                     "they are (J<x>,<y> to the centimetre; z<level> off the ground), so the same "
                     "junction has the same key in every run. critical_junction "
                     "= 1: an articulation point, whose loss cuts the network in two. betweenness: "
                     "quickest paths between junction pairs passing through (Brandes; sampled with "
                     "a fixed seed above 5000 junctions)."},
                    {}};
  OutputTable edges{{"network_edges", GeometryKind::LineString,
                     {{"edge_key", ColumnType::Text}, {"network", ColumnType::Text},
                      {"line_key", ColumnType::Text},
                      {"from_node", ColumnType::Text}, {"to_node", ColumnType::Text},
                      {"length_m", ColumnType::Real}, {"time_min", ColumnType::Real},
                      {"component", ColumnType::Integer}, {"oneway", ColumnType::Integer},
                      {"bridge", ColumnType::Integer}, {"critical_link", ColumnType::Integer},
                      {"betweenness", ColumnType::Real}, {"betweenness_change", ColumnType::Real}},
                     "Road graph edges of the baseline and scenario networks, each a stretch of road "
                     "between junctions, keyed by its line and where along it the stretch starts "
                     "(<line>|<part>|<metres>); from_node and to_node are junction keys. "
                     "bridge = 1: the road is on a bridge; critical_link = 1: a graph bridge, the "
                     "only link between two parts of the network; betweenness: quickest paths "
                     "between junction pairs using the link; betweenness_change (scenario rows): "
                     "against the same stretch of road in the baseline (NULL for new links)."},
                    {}};
  // Both tables are made row by row on the writer's helper thread (see output::RowSource).
  const auto node_rows = network_rows_in_key_order(
      a, &network::RoadGraph::node_count,
      [](const NetworkAnalysis& n, std::uint32_t i) { return n.junction_keys[i]; });
  nodes.source.count = node_rows->rows.size();
  nodes.source.row = [node_rows](std::size_t k) {
    const auto [n, i] = node_rows->rows[k];
    const network::NodeId id(i);
    const auto& node = n->graph.node(id);
    const auto& cut_nodes = n->cut.articulation_points;
    return Row{{text(node_rows->keys[k]), text(n->label),
                integer(n->components.of_node[i]), integer(static_cast<std::int64_t>(n->graph.degree(id))),
                integer(node.z_level),
                integer(std::binary_search(cut_nodes.begin(), cut_nodes.end(), id) ? 1 : 0),
                real(n->betweenness.node[i])},
               geom::point_wkb(node.xy)};
  };
  const auto edge_rows = network_rows_in_key_order(
      a, &network::RoadGraph::edge_count,
      [](const NetworkAnalysis& n, std::uint32_t i) { return link_key(n, network::EdgeId(i)); });
  const auto matched = std::make_shared<const std::vector<std::optional<network::EdgeId>>>(baseline_edges(a));
  edges.source.count = edge_rows->rows.size();
  edges.source.row = [edge_rows, matched, &a](std::size_t k) {
    const auto [n, i] = edge_rows->rows[k];
    const bool scenario = n == &a.scenario;
    const auto& e = n->graph.edge(network::EdgeId(i));
    const auto& line = *n->lines[e.road_index];
    const auto& cut_edges = n->cut.bridges;
    std::vector<std::uint8_t> shape;
    geom::append_line_wkb(shape, network::edge_points(n->graph, n->lines, network::EdgeId(i)));
    const int oneway = e.forward && e.backward ? 0 : (e.forward ? 1 : -1);
    FieldValue change{};  // scenario rows: against the same stretch in the baseline
    if (scenario && (*matched)[i]) change = real(n->betweenness.edge[i] - a.baseline.betweenness.edge[(*matched)[i]->value()]);
    const auto& keys = n->junction_keys;
    return Row{{text(edge_rows->keys[k]), text(n->label), text(line_key(line)),
                text(keys[e.from.value()]), text(keys[e.to.value()]), real(e.length_m), real(e.time_s / 60.0),
                integer(n->components.of_node[e.from.value()]), integer(oneway), integer(line.bridge ? 1 : 0),
                integer(std::binary_search(cut_edges.begin(), cut_edges.end(), network::EdgeId(i)) ? 1 : 0),
                real(n->betweenness.edge[i]),
                std::move(change)},
               std::move(shape)};
  };
  std::vector<OutputTable> out;
  out.push_back(std::move(nodes));
  out.push_back(std::move(edges));
  return out;
}

OutputTable od_table(const ScenarioAnalysis& a) {
  OutputTable t{{"od_matrix", GeometryKind::None,
                 {{"pair_key", ColumnType::Text}, {"from_zone", ColumnType::Text},
                  {"to_zone", ColumnType::Text}, {"base_time_min", ColumnType::Real},
                  {"base_distance_m", ColumnType::Real}, {"scen_time_min", ColumnType::Real},
                  {"scen_distance_m", ColumnType::Real}, {"delta_time_min", ColumnType::Real},
                  {"base_detour", ColumnType::Real}, {"scen_detour", ColumnType::Real}},
                 "Quickest network travel time and distance between every ordered zone pair, "
                 "baseline and scenario side by side (NULL = unreachable); detour = network length "
                 "/ straight line between the zones' junctions."},
                {}};
  const std::size_t n = a.zones.size();
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
      t.rows.push_back(Row{{text(a.zones[i].key + ">" + a.zones[j].key),
                            text(a.zones[i].key), text(a.zones[j].key),
                            optional_real(minutes(base)), optional_real(metres(base)),
                            optional_real(minutes(scen)), optional_real(metres(scen)),
                            optional_real(delta),
                            optional_real(network::detour(a.baseline.graph, a.baseline.snaps, a.baseline.od, i, j)),
                            optional_real(network::detour(a.scenario.graph, a.scenario.snaps, a.scenario.od, i, j))},
                           {}});
    }
  }
  sort_by_key(t.rows);
  return t;
}

// Population and jobs each zone reaches within 5, 10 and 15 minutes, in both networks.
OutputTable accessibility_table(const ScenarioAnalysis& a) {
  OutputTable t{{"accessibility", GeometryKind::None,
                 {{"access_key", ColumnType::Text}, {"zone_id", ColumnType::Text},
                  {"minutes", ColumnType::Integer}, {"base_population", ColumnType::Real},
                  {"base_jobs", ColumnType::Real}, {"scen_population", ColumnType::Real},
                  {"scen_jobs", ColumnType::Real}, {"delta_jobs", ColumnType::Real}},
                 "Cumulative opportunities: population and jobs of the zones reachable within 5, 10 "
                 "and 15 minutes of network time (the zone's own included), baseline and scenario."},
                {}};
  const std::vector<double> thresholds = {5.0, 10.0, 15.0};
  std::vector<double> population, jobs;
  for (const auto& z : a.zones) {
    population.push_back(static_cast<double>(z.population));
    jobs.push_back(static_cast<double>(z.jobs));
  }
  const auto base_pop = network::reachable_within(a.baseline.od, a.baseline.snaps, population, thresholds);
  const auto base_jobs = network::reachable_within(a.baseline.od, a.baseline.snaps, jobs, thresholds);
  const auto scen_pop = network::reachable_within(a.scenario.od, a.scenario.snaps, population, thresholds);
  const auto scen_jobs = network::reachable_within(a.scenario.od, a.scenario.snaps, jobs, thresholds);
  for (std::size_t z = 0; z < a.zones.size(); ++z) {
    for (std::size_t k = 0; k < thresholds.size(); ++k) {
      const auto minutes = static_cast<std::int64_t>(thresholds[k]);
      t.rows.push_back(Row{{text(fmt::format("{}|{:02}", a.zones[z].key, minutes)), text(a.zones[z].key),
                            integer(minutes), real(base_pop[z][k]), real(base_jobs[z][k]),
                            real(scen_pop[z][k]), real(scen_jobs[z][k]),
                            real(scen_jobs[z][k] - base_jobs[z][k])},
                           {}});
    }
  }
  sort_by_key(t.rows);
  return t;
}

// Travel-time savings: mean over pairs reachable in both networks, weighted by origin
// population × destination jobs, and the ten most improved pairs.
OutputTable od_delta_table(const ScenarioAnalysis& a) {
  OutputTable t{{"od_delta", GeometryKind::None,
                 {{"delta_key", ColumnType::Text}, {"measure", ColumnType::Text},
                  {"from_zone", ColumnType::Text}, {"to_zone", ColumnType::Text},
                  {"pairs", ColumnType::Integer}, {"base_time_min", ColumnType::Real},
                  {"scen_time_min", ColumnType::Real}, {"delta_time_min", ColumnType::Real}},
                 "How the scenario changes zone-to-zone travel time (negative = quicker): the mean "
                 "over pairs reachable in both networks, the mean weighted by origin population × "
                 "destination jobs, and the ten most improved pairs."},
                {}};
  struct Pair {
    std::size_t from, to;
    double base_min, scen_min;
  };
  std::vector<Pair> pairs;
  double sum = 0.0, weighted = 0.0, weights = 0.0, base_sum = 0.0, base_weighted = 0.0;
  const std::size_t n = a.zones.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const auto& b = a.baseline.od.at(i, j);
      const auto& c = a.scenario.od.at(i, j);
      if (!b.reachable() || !c.reachable()) continue;
      pairs.push_back({i, j, b.time_s / 60.0, c.time_s / 60.0});
      const double w = static_cast<double>(a.zones[i].population) * static_cast<double>(a.zones[j].jobs);
      sum += c.time_s / 60.0 - b.time_s / 60.0;
      base_sum += b.time_s / 60.0;
      weighted += w * (c.time_s / 60.0 - b.time_s / 60.0);
      base_weighted += w * b.time_s / 60.0;
      weights += w;
    }
  }
  const auto count = static_cast<std::int64_t>(pairs.size());
  if (!pairs.empty()) {
    const double np = static_cast<double>(pairs.size());
    t.rows.push_back(Row{{text("mean"), text("mean"), FieldValue{}, FieldValue{}, integer(count),
                          real(base_sum / np), real((base_sum + sum) / np), real(sum / np)},
                         {}});
  }
  if (weights > 0.0) {
    t.rows.push_back(Row{{text("weighted"), text("weighted_mean"), FieldValue{}, FieldValue{},
                          integer(count), real(base_weighted / weights),
                          real((base_weighted + weighted) / weights), real(weighted / weights)},
                         {}});
  }
  // Ties (Z21 → Z24 and back often gain the same) go by the zones' ids, not their input order.
  // Gains are compared to the nanominute: equal gains whose link times were added in another
  // order differ in the last bits, and those bits must not choose which pairs are listed.
  const auto gain_nmin = [](const Pair& p) { return std::llround((p.scen_min - p.base_min) * 1e9); };
  std::stable_sort(pairs.begin(), pairs.end(), [&a, &gain_nmin](const Pair& x, const Pair& y) {
    const auto dx = gain_nmin(x), dy = gain_nmin(y);
    if (dx != dy) return dx < dy;
    return std::tie(a.zones[x.from].key, a.zones[x.to].key) < std::tie(a.zones[y.from].key, a.zones[y.to].key);
  });
  for (std::size_t k = 0; k < std::min<std::size_t>(10, pairs.size()); ++k) {
    const auto& p = pairs[k];
    if (gain_nmin(p) >= 0) break;  // only pairs that do get quicker (by more than the last bits)
    t.rows.push_back(Row{{text(fmt::format("top|{:02}", k + 1)), text("most_improved"),
                          text(a.zones[p.from].key), text(a.zones[p.to].key), integer(1),
                          real(p.base_min), real(p.scen_min), real(p.scen_min - p.base_min)},
                         {}});
  }
  sort_by_key(t.rows);
  return t;
}

OutputTable zone_table(const ScenarioAnalysis& a, const geom::GeosContext& ctx) {
  OutputTable t{{"zones", GeometryKind::Point,
                 {{"zone_id", ColumnType::Text}, {"name", ColumnType::Text},
                  {"population", ColumnType::Integer}, {"jobs", ColumnType::Integer},
                  {"base_node", ColumnType::Text}, {"base_snap_m", ColumnType::Real},
                  {"scen_node", ColumnType::Text}, {"scen_snap_m", ColumnType::Real},
                  {"base_closeness", ColumnType::Real}, {"scen_closeness", ColumnType::Real}},
                 "Analysis zones and the junction each joins (its key in network_nodes; NULL = farther than "
                 "zone_max_snap_m, left out of the OD matrix); closeness = zones reached / sum of "
                 "the minutes to them (1 / mean travel time)."},
                {}};
  const auto& base_keys = a.baseline.junction_keys;
  const auto& scen_keys = a.scenario.junction_keys;
  const auto node_value = [](const network::ZoneSnap& s, const std::vector<std::string>& keys) {
    return s.snapped() ? text(keys[s.node.value()]) : FieldValue{};
  };
  const auto base_closeness = network::zone_closeness(a.baseline.od);
  const auto scen_closeness = network::zone_closeness(a.scenario.od);
  for (std::size_t z = 0; z < a.zones.size(); ++z) {
    const auto& zone = a.zones[z];
    t.rows.push_back(Row{{text(zone.key), text(zone.name), integer(zone.population),
                          integer(zone.jobs), node_value(a.baseline.snaps[z], base_keys),
                          real(a.baseline.snaps[z].distance_m), node_value(a.scenario.snaps[z], scen_keys),
                          real(a.scenario.snaps[z].distance_m), optional_real(base_closeness[z]),
                          optional_real(scen_closeness[z])},
                         geom::Geometry::point(ctx, zone.location).to_wkb()});
  }
  sort_by_key(t.rows);
  return t;
}

// Every connected piece of each network: the largest is the network proper, the others are
// the isolated pieces a planner should look at (a missing link, or a road digitised apart).
OutputTable components_table(const ScenarioAnalysis& a) {
  OutputTable t{{"network_components", GeometryKind::None,
                 {{"component_key", ColumnType::Text}, {"network", ColumnType::Text},
                  {"component", ColumnType::Integer}, {"nodes", ColumnType::Integer},
                  {"edges", ColumnType::Integer}, {"length_m", ColumnType::Real},
                  {"line_keys", ColumnType::Text}},
                 "Connected components of each network, largest first (component 0): size, "
                 "length and, for pieces of up to 20 links, the lines they are made of."},
                {}};
  constexpr std::size_t listed_links = 20;
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    const std::size_t count = n->components.count();
    std::vector<std::int64_t> edges(count, 0);
    std::vector<double> length(count, 0.0);
    std::vector<std::set<std::string>> keys(count);
    for (const auto& e : n->graph.edges()) {
      const auto c = n->components.of_node[e.from.value()];
      ++edges[c];
      length[c] += e.length_m;
      if (keys[c].size() <= listed_links) keys[c].insert(line_key(*n->lines[e.road_index]));
    }
    for (std::size_t c = 0; c < count; ++c) {
      std::string listed;
      if (static_cast<std::size_t>(edges[c]) <= listed_links) {
        for (const auto& k : keys[c]) listed += (listed.empty() ? "" : ",") + k;
      }
      t.rows.push_back(Row{{text(fmt::format("{}:C{:05}", n->label, c)), text(n->label),
                            integer(static_cast<std::int64_t>(c)),
                            integer(n->components.node_counts[c]), integer(edges[c]), real(length[c]),
                            listed.empty() ? FieldValue{} : text(listed)},
                           {}});
    }
  }
  sort_by_key(t.rows);
  return t;
}

OutputTable network_summary_table(const ScenarioAnalysis& a) {
  OutputTable t{{"network_summary", GeometryKind::None,
                 {{"network", ColumnType::Text}, {"nodes", ColumnType::Integer},
                  {"edges", ColumnType::Integer}, {"components", ColumnType::Integer},
                  {"largest_component_nodes", ColumnType::Integer},
                  {"zones_snapped", ColumnType::Integer}, {"reachable_pairs", ColumnType::Integer},
                  {"mean_od_time_min", ColumnType::Real}, {"critical_links", ColumnType::Integer},
                  {"critical_junctions", ColumnType::Integer}, {"cyclomatic", ColumnType::Real},
                  {"alpha", ColumnType::Real}, {"beta", ColumnType::Real}, {"gamma", ColumnType::Real},
                  {"critical_links_removed", ColumnType::Integer},
                  {"critical_links_created", ColumnType::Integer}},
                 "Size and connectivity of the baseline and scenario road networks: critical links "
                 "and junctions (graph bridges and articulation points) and Kansky's indices "
                 "(cyclomatic number e − v + p; α = cycles / (2v − 5); β = e / v; "
                 "γ = e / (3(v − 2))). Scenario row: baseline critical links that are no longer "
                 "critical, and links (new or existing) that became critical."},
                {}};
  // Critical links removed and created by the scenario, matched stretch by stretch.
  const auto matched = baseline_edges(a);
  std::int64_t removed = static_cast<std::int64_t>(a.baseline.cut.bridges.size());
  std::int64_t created = 0;
  for (std::uint32_t i = 0; i < matched.size(); ++i) {
    const bool now = is_critical(a.scenario, network::EdgeId(i));
    const bool before = matched[i] && is_critical(a.baseline, *matched[i]);
    if (before && now) --removed;
    if (now && !before) ++created;
  }
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    const bool scenario = n == &a.scenario;
    const auto snapped = std::count_if(n->snaps.begin(), n->snaps.end(),
                                       [](const auto& s) { return s.snapped(); });
    t.rows.push_back(Row{{text(n->label), integer(static_cast<std::int64_t>(n->graph.node_count())),
                          integer(static_cast<std::int64_t>(n->graph.edge_count())),
                          integer(static_cast<std::int64_t>(n->components.count())),
                          integer(n->components.count() ? n->components.node_counts[0] : 0),
                          integer(snapped), integer(static_cast<std::int64_t>(n->reachable_pairs())),
                          optional_real(n->mean_od_time_min()),
                          integer(static_cast<std::int64_t>(n->cut.bridges.size())),
                          integer(static_cast<std::int64_t>(n->cut.articulation_points.size())),
                          real(n->kansky.cyclomatic), optional_real(n->kansky.alpha),
                          optional_real(n->kansky.beta), optional_real(n->kansky.gamma),
                          scenario ? integer(removed) : FieldValue{},
                          scenario ? integer(created) : FieldValue{}},
                         {}});
  }
  sort_by_key(t.rows);
  return t;
}

OutputTable diagnostics_table(const ScenarioConfig& config, const Diagnostics& diagnostics) {
  OutputTable t{{"diagnostics", GeometryKind::None,
                 {{"diagnostic_key", ColumnType::Text}, {"code", ColumnType::Text},
                  {"severity", ColumnType::Text}, {"path", ColumnType::Text},
                  {"layer", ColumnType::Text}, {"message", ColumnType::Text},
                  {"action", ColumnType::Text}, {"count", ColumnType::Integer},
                  {"feature_ids", ColumnType::Text}},
                 "What the run repaired, skipped or flagged, with the source feature ids. "
                 "diagnostic_key: the finding (code, layer, action, message; and the file where "
                 "two files' layers share a name), the same in every run that finds it."},
                {}};
  // A finding's key leaves out the file, so that runs on other copies of the data match; it
  // is added only where two findings would otherwise share a key.
  std::map<std::string, int> uses;
  const auto short_key = [](const Diagnostic& d) {
    return fmt::format("{}|{}|{}|{}", d.code, d.layer, d.action, d.message);
  };
  for (const auto& d : diagnostics.items()) ++uses[short_key(d)];
  for (const auto& d : diagnostics.items()) {
    std::string ids;
    for (const auto id : d.feature_ids) ids += (ids.empty() ? "" : ",") + std::to_string(id);
    const char* severity = d.severity == Severity::Error     ? "error"
                           : d.severity == Severity::Warning ? "warning"
                                                             : "info";
    const std::string path = d.path.empty() ? "" : display_path(d.path, config);
    const std::string key = uses[short_key(d)] == 1 ? short_key(d) : short_key(d) + "|" + path;
    t.rows.push_back(Row{{text(key), text(d.code), text(severity), text(path), text(d.layer),
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
                           const ScenarioAnalysis& a, const std::string& engine_version) {
  OutputTable t{{"run_metadata", GeometryKind::None,
                 {{"key", ColumnType::Text}, {"value", ColumnType::Text}},
                 "How this file was made: engine version, the scenario file's text (or the command "
                 "line), and every input layer with its SHA-256 (of its fields, and per feature its "
                 "FID, values and WKB geometry, as read)."},
                {}};
  const auto add = [&](std::string key, std::string value) {
    t.rows.push_back(Row{{text(std::move(key)), text(std::move(value))}, {}});
  };
  add("engine", "crossaxis " + engine_version);
  add("scenario.name", config.name);
  add("scenario.title", config.title);
  if (config.file.empty()) {
    add("command", config.invocation);
  } else {
    add("scenario.file", config.file.filename().string());
    add("scenario.text", file_text(config.file));
    for (std::size_t i = 0; i < config.extends.size(); ++i) {  // what it extends, nearest first
      add(fmt::format("scenario.extends.{}.file", i + 1), config.extends[i].filename().string());
      add(fmt::format("scenario.extends.{}.text", i + 1), file_text(config.extends[i]));
    }
  }
  add("working_crs", config.working_crs);
  std::string proposals;
  for (const auto& p : config.proposals) proposals += (proposals.empty() ? "" : ",") + p;
  add("proposals", proposals);
  for (const auto& r : input_records(inputs, a)) {
    add("input." + r.layer_type, fmt::format("{}|{}|{} features{}|{}", display_path(r.path, config), r.layer,
                                              r.features, r.near_roads_only ? " within reach of the roads" : "",
                                              r.source_crs));
    add("input." + r.layer_type + ".sha256", r.sha256);
  }
  return t;
}

// Per river: the road links across it and the detours between zones on opposite banks; and
// per crossing link, the share of the cross-river trips it carries.
std::vector<OutputTable> cross_river_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& a) {
  OutputTable rivers{{"cross_river", GeometryKind::None,
                      {{"river_key", ColumnType::Text}, {"network", ColumnType::Text},
                       {"river", ColumnType::Text}, {"crossing_links", ColumnType::Integer},
                       {"opposite_bank_pairs", ColumnType::Integer},
                       {"connected_pairs", ColumnType::Integer},
                       {"mean_detour", ColumnType::Real}, {"worst_detour", ColumnType::Real}},
                      "Cross-river connectivity per river centre line: road links crossing it, ordered "
                      "zone pairs on opposite banks, and their detour (network length / straight "
                      "line between their junctions)."},
                     {}};
  OutputTable links{{"cross_river_links", GeometryKind::None,
                     {{"link_key", ColumnType::Text}, {"network", ColumnType::Text},
                      {"river", ColumnType::Text}, {"edge_key", ColumnType::Text},
                      {"line_key", ColumnType::Text}, {"bridge", ColumnType::Integer},
                      {"trips", ColumnType::Integer}, {"share", ColumnType::Real}},
                     "Each road link across a river: opposite-bank zone pairs whose quickest path "
                     "uses it, and their share of all connected opposite-bank pairs."},
                    {}};
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    for (std::size_t r = 0; r < n->rivers.size(); ++r) {
      const auto& c = n->rivers[r];
      const auto& river = inputs.river_lines[r];
      const std::string name = river.name.empty() ? river.key : river.name;
      rivers.rows.push_back(Row{{text(n->label + "|" + river.key), text(n->label), text(name),
                                 integer(static_cast<std::int64_t>(c.links.size())),
                                 integer(static_cast<std::int64_t>(c.opposite_pairs)),
                                 integer(static_cast<std::int64_t>(c.connected_pairs)),
                                 optional_real(c.mean_detour), optional_real(c.worst_detour)},
                                {}});
      for (std::size_t i = 0; i < c.links.size(); ++i) {
        const auto& edge = n->graph.edge(c.links[i]);
        const auto& line = *n->lines[edge.road_index];
        const std::string edge_key = n->label + ":" + link_key(*n, c.links[i]);
        const double share = c.connected_pairs > 0 ? static_cast<double>(c.trips[i]) /
                                                         static_cast<double>(c.connected_pairs)
                                                   : 0.0;
        links.rows.push_back(Row{{text(n->label + "|" + river.key + "|" + edge_key), text(n->label),
                                  text(name), text(edge_key), text(line_key(line)),
                                  integer(line.bridge ? 1 : 0),
                                  integer(static_cast<std::int64_t>(c.trips[i])), real(share)},
                                 {}});
      }
    }
  }
  sort_by_key(rivers.rows);
  sort_by_key(links.rows);
  std::vector<OutputTable> out;
  out.push_back(std::move(rivers));
  out.push_back(std::move(links));
  return out;
}

// Around each facility, the links reached within each time break, as lines and as the area
// within 50 m of them.
std::vector<OutputTable> service_area_tables(const ScenarioConfig& config, const ScenarioInputs& inputs,
                                             const ScenarioAnalysis& a, const geom::GeosContext& ctx) {
  constexpr double reach_m = 50.0;
  const auto columns = [](bool polygon) {
    std::vector<output::Column> c = {{"area_key", ColumnType::Text}, {"network", ColumnType::Text},
                                     {"facility_id", ColumnType::Text}, {"facility", ColumnType::Text},
                                     {"node", ColumnType::Text}, {"snap_m", ColumnType::Real},
                                     {"minutes", ColumnType::Real}, {"reached_length_m", ColumnType::Real}};
    if (polygon) c.push_back({"area_m2", ColumnType::Real});
    return c;
  };
  OutputTable lines{{"service_area_lines", GeometryKind::MultiLineString, columns(false),
                     "Road links reached from each facility within each time break (baseline and "
                     "scenario), the last link of each path cut where time runs out."},
                    {}};
  OutputTable areas{{"service_areas", GeometryKind::MultiPolygon, columns(true),
                     "Service areas: the land within 50 m of the links reached from each facility "
                     "within each time break, baseline and scenario; node: the junction the facility "
                     "joins (its key in network_nodes; NULL = farther than zone_max_snap_m), snap_m: "
                     "how far it is."},
                    {}};
  // A row for every facility, network and break: a facility not joined to a network has rows
  // that say so (no junction, nothing reached), rather than none.
  const std::vector<network::ReachedStretch> nothing;
  for (const NetworkAnalysis* n : {&a.baseline, &a.scenario}) {
    for (std::size_t f = 0; f < n->service_areas.size(); ++f) {
      const auto& facility = inputs.facilities[f];
      for (std::size_t b = 0; b < config.service_breaks_min.size(); ++b) {
        const double minutes = config.service_breaks_min[b];
        std::vector<geom::Geometry> pieces;
        double length_m = 0.0;
        for (const auto& stretch : n->service_areas[f].empty() ? nothing : n->service_areas[f][b]) {
          const auto points = network::stretch_points(n->graph, n->lines, stretch);
          if (points.size() < 2) continue;
          pieces.push_back(geom::Geometry::line_string(ctx, points));
          length_m += stretch.to_m - stretch.from_m;
        }
        const std::string key = fmt::format("{}|{}|{:05.1f}", n->label, facility.key, minutes);
        const network::ZoneSnap& snap = n->facility_snaps[f];
        const std::vector<FieldValue> head = {
            text(key), text(n->label), text(facility.key), text(facility.name),
            snap.snapped() ? text(n->junction_keys[snap.node.value()]) : FieldValue{},
            real(snap.distance_m), real(minutes), real(length_m)};
        const geom::Geometry reached =
            geom::Geometry::collect(ctx, std::move(pieces), geom::GeometryType::MultiLineString);
        // Nothing reached (a facility not joined): no geometry, rather than an empty one,
        // which GDAL's GeoPackage validator refuses.
        lines.rows.push_back(Row{head, reached.is_empty() ? std::vector<std::uint8_t>{} : reached.to_wkb()});
        const geom::Geometry area = reached.is_empty() ? reached.clone() : reached.buffer_round(reach_m);
        std::vector<FieldValue> values = head;
        values.push_back(real(reached.is_empty() ? 0.0 : area.area()));
        areas.rows.push_back(Row{std::move(values), reached.is_empty() ? std::vector<std::uint8_t>{}
                                                                      : multi_polygon_wkb(area)});
      }
    }
  }
  sort_by_key(lines.rows);
  sort_by_key(areas.rows);
  std::vector<OutputTable> out;
  out.push_back(std::move(areas));
  out.push_back(std::move(lines));
  return out;
}

// The corridors' patches (layer) and their effective mesh size (table), baseline and scenario.
std::vector<OutputTable> fragmentation_tables(const ScenarioAnalysis& a) {
  OutputTable patches{{"corridor_patches", GeometryKind::MultiPolygon,
                       {{"patch_key", ColumnType::Text}, {"network", ColumnType::Text},
                        {"rank", ColumnType::Integer}, {"area_m2", ColumnType::Real},
                        {"area_ha", ColumnType::Real}, {"share", ColumnType::Real}},
                       "Ecological corridor patches left whole between road rights-of-way: baseline "
                       "(existing roads) and scenario (with the proposals' roads, joined by their "
                       "water links). rank 1 = largest; share of the corridor network's area."},
                      {}};
  OutputTable summary{{"fragmentation", GeometryKind::None,
                       {{"network", ColumnType::Text}, {"patches", ColumnType::Integer},
                        {"reference_area_m2", ColumnType::Real},
                        {"effective_mesh_m2", ColumnType::Real},
                        {"effective_mesh_ha", ColumnType::Real},
                        {"largest_patch_m2", ColumnType::Real},
                        {"effective_mesh_change_m2", ColumnType::Real}},
                       "Corridor fragmentation: effective mesh size m_eff = Σ patch area² / "
                       "reference area (Jaeger 2000; larger = better connected), the reference area "
                       "being the corridor network's own (water links included); the change is "
                       "scenario − baseline."},
                      {}};
  const std::pair<const char*, const ecology::Fragmentation*> states[] = {
      {"baseline", &a.baseline_fragmentation}, {"scenario", &a.scenario_fragmentation}};
  for (const auto& [label, f] : states) {
    for (std::size_t i = 0; i < f->patches.size(); ++i) {
      const auto& p = f->patches[i];
      patches.rows.push_back(Row{{text(fmt::format("{}:P{:05}", label, i + 1)), text(label),
                                  integer(static_cast<std::int64_t>(i + 1)), real(p.area_m2),
                                  real(p.area_m2 / 10000.0),
                                  real(f->reference_area_m2 > 0 ? p.area_m2 / f->reference_area_m2 : 0.0)},
                                 multi_polygon_wkb(p.shape)});
    }
    const bool is_scenario = f == &a.scenario_fragmentation;
    summary.rows.push_back(Row{{text(label), integer(static_cast<std::int64_t>(f->patches.size())),
                                real(f->reference_area_m2), real(f->effective_mesh_m2),
                                real(f->effective_mesh_m2 / 10000.0),
                                real(f->patches.empty() ? 0.0 : f->patches.front().area_m2),
                                is_scenario ? real(f->effective_mesh_m2 - a.baseline_fragmentation.effective_mesh_m2)
                                            : io::FieldValue{}},
                               {}});
  }
  sort_by_key(patches.rows);
  sort_by_key(summary.rows);
  std::vector<OutputTable> out;
  out.push_back(std::move(patches));
  out.push_back(std::move(summary));
  return out;
}

}  // namespace

void build_result_tables(const ScenarioConfig& config, const ScenarioInputs& inputs,
                         const ScenarioAnalysis& analysis, const Diagnostics& diagnostics,
                         const std::string& engine_version, const geom::GeosContext& ctx,
                         const TableSink& sink) {
  if (config.run_overlay) overlay_tables(inputs, analysis, ctx, sink);
  if (analysis.has_corridors) {
    for (auto& t : fragmentation_tables(analysis)) sink(std::move(t));
  }
  if (analysis.has_network) {
    for (auto& t : network_tables(analysis)) sink(std::move(t));
    sink(zone_table(analysis, ctx));
    sink(od_table(analysis));
    sink(od_delta_table(analysis));
    sink(accessibility_table(analysis));
    sink(network_summary_table(analysis));
    sink(components_table(analysis));
    if (!inputs.facilities.empty()) {
      for (auto& t : service_area_tables(config, inputs, analysis, ctx)) sink(std::move(t));
    }
    for (auto& t : cross_river_tables(inputs, analysis)) sink(std::move(t));
  }
  sink(diagnostics_table(config, diagnostics));
  sink(metadata_table(config, inputs, analysis, engine_version));
}

}  // namespace cx::scenario::detail
