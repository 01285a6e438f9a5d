#pragma once

#include <optional>
#include <string>

#include "ad_hoc_inputs.hpp"
#include "command.hpp"

namespace cx::cli {

/// `crossaxis overlay --roads SRC --land-use SRC [...] -o OUT.gpkg`: the land take and
/// protected-zone overlay on any data, without a scenario file, in the style of GDAL's tools.
class OverlayCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  AdHocRun m_run{.command = "overlay"};
  std::string m_land_use, m_land_use_layer;
  std::string m_constraints, m_constraints_layer;
  std::string m_width_field, m_class_field, m_id_field;
  std::optional<double> m_width;
  std::string m_code_field, m_code_system, m_parcel_id_field;
  std::string m_on_invalid = "repair";
};

}  // namespace cx::cli
