#include "network_command.hpp"

#include <cstdio>

#include "ad_hoc_inputs.hpp"
#include "number_checks.hpp"
#include "cx/network/graph_builder.hpp"
#include "cx/report/run_summary.hpp"

namespace cx::cli {

CLI::App* NetworkCommand::add_to(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "network",
      "Road-network connectivity on any data, without a scenario file: components, critical "
      "links and junctions, Kansky indices, betweenness, zone-to-zone quickest times and "
      "cross-river detours.");
  add_roads_options(sub, m_run);
  sub->add_option("--zones", m_zones, "Zone points (id, name, population, jobs)");
  sub->add_option("--zones-layer", m_zones_layer, "Layer of --zones");
  sub->add_option("--zones-id-field", m_zones_id_field, "Field with the zone id (default id)");
  sub->add_option("--facilities", m_facilities,
                  "Named points (id, name) to measure service areas from (5, 10, 15 minutes)");
  sub->add_option("--facilities-layer", m_facilities_layer, "Layer of --facilities");
  sub->add_option("--facilities-id-field", m_facilities_id_field, "Field with the facility id (default id)");
  sub->add_option("--river", m_river, "River centre lines, for cross-river measures");
  sub->add_option("--river-layer", m_river_layer, "Layer of --river");
  sub->add_option("--noding", m_noding,
                  "Where lines meet: endpoints (lines split at junctions, default), "
                  "shared-vertices (OpenStreetMap ways) or crossings (also where lines cross "
                  "on one level)")
      ->check(CLI::IsMember({"endpoints", "shared-vertices", "crossings"}));
  auto* speed_field = sub->add_option("--speed-field", m_speed_field,
                                      "Field with the speed in km/h (default speed_kmh)");
  sub->add_option("--speed", m_speed, "One speed in km/h for every road")
      ->excludes(speed_field)
      ->check(finite_range(1.0, 150.0));
  sub->add_option("--class-field", m_class_field,
                  "Field with the road class (or OpenStreetMap highway); its default speeds fill "
                  "missing speeds");
  sub->add_option("--oneway-field", m_oneway_field,
                  "Field with the one-way flag: 0/no, 1/yes, -1 (default oneway)");
  sub->add_option("--id-field", m_id_field, "Field with the road id (default: id, else FID)");
  sub->add_option("--sample-zones", m_sample_zones,
                  "Without --zones: this many junctions, drawn with a fixed seed, stand in for "
                  "zones (default 200; 0 = no OD)")
      ->check(whole_number());
  sub->add_option("--snap", m_snap_m, "Line ends closer than this (m) meet (default 1)")
      ->check(finite_range(0.0, 100.0));
  sub->add_option("--zone-snap", m_zone_snap_m,
                  "Zones farther than this (m) from every junction are flagged (default 500)")
      ->check(finite_range(0.0, 100000.0));
  add_output_options(sub, m_run);
  return sub;
}

ExitCode NetworkCommand::run(const GlobalOptions& global) {
  scenario::ScenarioConfig config = ad_hoc_config(m_run);
  config.run_overlay = false;
  config.noding = network::parse_noding(m_noding);
  config.snap_tolerance_m = m_snap_m;
  config.zone_max_snap_m = m_zone_snap_m;
  config.sample_zones = m_zones.empty() ? m_sample_zones : 0;

  schema::LayerSource roads{.path = m_run.roads, .layer = m_run.roads_layer};
  map_if_given(roads.fields, "id", m_id_field);
  map_if_given(roads.fields, "class", m_class_field);
  map_if_given(roads.fields, "speed_kmh", m_speed_field);
  map_if_given(roads.fields, "oneway", m_oneway_field);
  if (m_speed) {
    roads.constants["speed_kmh"] = std::to_string(*m_speed);
    if (m_class_field.empty()) roads.constants["class"] = "branch";  // then only for widths
  }
  config.layers["roads"] = roads;
  if (!m_zones.empty()) {
    schema::LayerSource zones{.path = m_zones, .layer = m_zones_layer};
    map_if_given(zones.fields, "id", m_zones_id_field);
    config.layers["zones"] = zones;
  }
  if (!m_facilities.empty()) {
    schema::LayerSource facilities{.path = m_facilities, .layer = m_facilities_layer};
    map_if_given(facilities.fields, "id", m_facilities_id_field);
    config.layers["facilities"] = facilities;
  }
  if (!m_river.empty()) {
    config.layers["river_lines"] = schema::LayerSource{.path = m_river, .layer = m_river_layer};
  }
  const scenario::ScenarioResult result = run_ad_hoc(std::move(config), m_run, global);
  std::fputs(report::format_network_summary(result).c_str(), stdout);
  return ExitCode::Ok;
}

}  // namespace cx::cli
