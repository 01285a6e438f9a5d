#include "overlay_command.hpp"

#include <cstdio>

#include "ad_hoc_inputs.hpp"
#include "cx/report/run_summary.hpp"
#include "number_checks.hpp"

namespace cx::cli {

CLI::App* OverlayCommand::add_to(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "overlay",
      "Overlay road rights-of-way with land use (and protected zones) on any data, without a "
      "scenario file: land take by class in m2, ha and mu, conflicts with constraint zones.");
  add_roads_options(sub, m_run);
  sub->add_option("--land-use", m_land_use, "Land-use polygons (any OGR source)")->required();
  sub->add_option("--land-use-layer", m_land_use_layer, "Layer of --land-use");
  sub->add_option("--constraints", m_constraints,
                  "Protected zones: polygons with kind = basic_farmland, eco_redline, "
                  "urban_dev_boundary or flood_risk (and level)");
  sub->add_option("--constraints-layer", m_constraints_layer, "Layer of --constraints");
  auto* width_field = sub->add_option("--width-field", m_width_field,
                                      "Field with the red-line width in metres (default width_m)");
  sub->add_option("--width", m_width, "One red-line width in metres for every road")
      ->excludes(width_field)
      ->check(finite_range(0.1, 200.0));
  sub->add_option("--class-field", m_class_field,
                  "Field with the road class (expressway/arterial/secondary/branch, 快速路..., or "
                  "OpenStreetMap highway values); its default widths fill missing widths");
  sub->add_option("--id-field", m_id_field, "Field with the road id (default: id, else FID)");
  sub->add_option("--code-field", m_code_field, "Land-use class field (default code)");
  sub->add_option("--code-system", m_code_system,
                  "Classification of the land-use codes: ydyh2023 (default), gbt21010_2017, or "
                  "text (any values, e.g. OpenStreetMap landuse)")
      ->check(CLI::IsMember({"ydyh2023", "gbt21010_2017", "text"}));
  sub->add_option("--parcel-id-field", m_parcel_id_field, "Land-use parcel id field");
  sub->add_option("--on-invalid", m_on_invalid,
                  "Invalid polygons: repair (default: MakeValid, counted) or fail")
      ->check(CLI::IsMember({"repair", "fail"}));
  add_output_options(sub, m_run);
  return sub;
}

ExitCode OverlayCommand::run(const GlobalOptions& global) {
  scenario::ScenarioConfig config = ad_hoc_config(m_run);
  config.on_invalid = m_on_invalid == "fail" ? schema::InvalidPolicy::Fail
                                             : schema::InvalidPolicy::Repair;
  config.run_network = false;

  schema::LayerSource roads{.path = m_run.roads, .layer = m_run.roads_layer};
  map_if_given(roads.fields, "id", m_id_field);
  map_if_given(roads.fields, "class", m_class_field);
  map_if_given(roads.fields, "width_m", m_width_field);
  if (m_width) {
    roads.constants["width_m"] = std::to_string(*m_width);
    // With one width for all, the class only matters for speed, which an overlay does not use.
    if (m_class_field.empty()) roads.constants["class"] = "branch";
  }
  config.layers["roads"] = roads;

  schema::LayerSource land_use{.path = m_land_use, .layer = m_land_use_layer};
  map_if_given(land_use.fields, "code", m_code_field);
  map_if_given(land_use.fields, "id", m_parcel_id_field);
  if (!m_code_system.empty()) land_use.constants["code_system"] = m_code_system;
  config.layers["land_use"] = land_use;

  if (!m_constraints.empty()) {
    config.layers["constraints"] = schema::LayerSource{.path = m_constraints,
                                                       .layer = m_constraints_layer};
  }
  const scenario::ScenarioResult result = run_ad_hoc(std::move(config), m_run, global);
  std::fputs(report::format_overlay_summary(result).c_str(), stdout);
  return ExitCode::Ok;
}

}  // namespace cx::cli
