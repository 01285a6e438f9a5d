#pragma once

#include <optional>
#include <string>

#include "ad_hoc_inputs.hpp"
#include "command.hpp"

namespace cx::cli {

/// `crossaxis network --roads SRC [...] -o OUT.gpkg`: the connectivity analyses on any road
/// data without a scenario file: graph, structure, betweenness, OD between zones (or sampled
/// junctions) and cross-river measures.
class NetworkCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  AdHocRun m_run{.command = "network"};
  std::string m_zones, m_zones_layer, m_river, m_river_layer;
  std::string m_facilities, m_facilities_layer;
  std::string m_zones_id_field, m_facilities_id_field;
  std::string m_noding = "endpoints";
  std::string m_class_field, m_speed_field, m_oneway_field, m_id_field;
  std::optional<double> m_speed;
  std::size_t m_sample_zones = 200;
  double m_snap_m = 1.0;
  double m_zone_snap_m = 500.0;
};

}  // namespace cx::cli
