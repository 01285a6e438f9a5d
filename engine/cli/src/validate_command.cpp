#include "validate_command.hpp"

#include <cstdio>
#include <filesystem>

#include "cx/core/error.hpp"
#include "cx/scenario/validate.hpp"

namespace cx::cli {
namespace {

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "refuse";
    case Severity::Warning: return "repair/skip";
    case Severity::Info: return "note";
  }
  return "";
}

std::string headline(const scenario::LayerVerdict& v) {
  std::string out = "file '" + v.path + "', layer '" + v.layer + "'";
  out += v.type.empty() ? " (no type: generic checks)" : " as " + v.type;
  if (!v.source_crs.empty()) out += ", " + v.source_crs;
  if (v.refusal.empty()) out += ", " + std::to_string(v.features) + " usable features";
  return out + ": " + (v.usable ? "usable" : "NOT usable");
}

}  // namespace

CLI::App* ValidateCommand::add_to(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "validate",
      "Check a dataset without running an analysis: per layer, what a run would repair, skip or "
      "refuse (CRS, geometry type and validity, empty geometries, coordinates outside the CRS's "
      "area of use, field types and values, text encoding), one line per finding with the "
      "feature ids.");
  sub->add_option("source", m_source,
                  "Any OGR source (GeoPackage, Shapefile, GeoJSON, ...), or a scenario file (.toml): "
                  "then each of its layers as the scenario declares it")
      ->required();
  sub->add_option("--layer", m_layer, "Only this layer (default: every layer)");
  sub->add_option("--as", m_as,
                  "Check as this layer type: land_use, roads, proposals, zones, facilities, rivers, "
                  "river_lines, river_areas, eco_corridor, constraints (default: from the layer name; "
                  "otherwise only the checks that need no type)");
  sub->add_option("--crs", m_crs, "The source's CRS, if it has none or a wrong one (e.g. EPSG:4547)");
  sub->add_option("--working-crs", m_working_crs, "The working CRS a run would reproject to (default EPSG:4547)");
  sub->add_option("--field", m_fields,
                  "Map a field the type needs to the source's name for it: LOGICAL=SOURCE, e.g. "
                  "--field id=zone_id (repeatable)");
  sub->add_option("--encoding", m_encoding, "Text encoding of the attributes when the source does not say (e.g. GBK)");
  sub->add_option("--on-invalid", m_on_invalid, "Invalid polygons: repair (default) or fail, as a run would")
      ->check(CLI::IsMember({"repair", "fail"}));
  m_limits.add_to(sub);
  sub->footer("Exit codes: 0 every layer usable, 2 a layer is not (or the source cannot be opened).");
  return sub;
}

ExitCode ValidateCommand::run(const GlobalOptions& global) {
  scenario::ValidateOptions options;
  options.layer = m_layer;
  options.as_type = m_as;
  if (!m_crs.empty()) options.declared_crs = m_crs;
  options.working_crs = m_working_crs;
  options.encoding = m_encoding;
  for (const auto& mapping : m_fields) {
    const auto eq = mapping.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == mapping.size()) {
      throw ConfigError("--field takes LOGICAL=SOURCE (e.g. id=zone_id), not '" + mapping + "'");
    }
    options.fields[mapping.substr(0, eq)] = mapping.substr(eq + 1);
  }
  options.on_invalid = m_on_invalid == "fail" ? schema::InvalidPolicy::Fail : schema::InvalidPolicy::Repair;
  m_limits.apply(options.limits);
  const bool is_scenario = std::filesystem::path(m_source).extension() == ".toml";
  const scenario::ValidationReport report =
      is_scenario ? scenario::validate_scenario(m_source) : scenario::validate_source(m_source, options);
  for (const auto& verdict : report.layers) {
    std::printf("%s\n", headline(verdict).c_str());
    if (!verdict.refusal.empty()) std::printf("  refuse: %s\n", verdict.refusal.c_str());
    for (const auto& d : verdict.findings) {
      if (d.severity == Severity::Info && !global.verbose) continue;
      std::printf("  %s: %s\n", severity_word(d.severity), Diagnostics::describe(d).c_str());
    }
  }
  return report.usable() ? ExitCode::Ok : ExitCode::InputError;
}

}  // namespace cx::cli
