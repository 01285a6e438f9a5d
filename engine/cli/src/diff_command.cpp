#include "diff_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cx/core/error.hpp"
#include "cx/diff/diff.hpp"
#include "cx/diff/diff_outputs.hpp"
#include "cx/output/output_files.hpp"
#include "cx/report/diff_words.hpp"
#include "number_checks.hpp"

namespace cx::cli {

CLI::App* DiffCommand::add_to(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "diff",
      "Compare two GeoPackages (any two, not only crossaxis outputs): layers matched by name, "
      "features by their stable key; added, removed and modified features, old -> new per "
      "attribute, and for geometry changes the change in area and length and the Hausdorff "
      "distance.");
  sub->add_option("a", m_a, "The first GeoPackage (e.g. the baseline)")->required()->check(CLI::ExistingFile);
  sub->add_option("b", m_b, "The second GeoPackage (e.g. a scenario)")->required()->check(CLI::ExistingFile);
  sub->add_option("--key", m_key,
                  "Field that identifies features (default: per layer, the first unique field named "
                  "key, *_key, id or *_id; else the FID, with a warning)");
  sub->add_option("--tolerance", m_tolerance,
                  "Real numbers and geometries (Hausdorff distance, in the layer's units) this close "
                  "count as equal (default 1e-9)")
      ->check(finite_range(0.0, 1e9));
  sub->add_option("-o,--output", m_output, "Write the changes as a GeoPackage styled for QGIS");
  sub->add_option("--report", m_report, "Write a readable Markdown report");
  sub->add_option("--format", m_format, "What to print: text (counts per layer) or jsonl (every change)")
      ->check(CLI::IsMember({"text", "jsonl"}));
  sub->footer("Exit codes: 0 the same, 1 different, 2 usage or input error, 3 internal error.");
  return sub;
}

ExitCode DiffCommand::run(const GlobalOptions& /*global*/) {
  for (const auto& out : {m_output, m_report}) {
    if (out.empty()) continue;
    for (const auto& in : {m_a, m_b}) {
      if (std::filesystem::exists(out) && std::filesystem::equivalent(out, in)) {
        throw ConfigError("the output " + out + " would overwrite the input " + in);
      }
    }
  }
  if (!m_output.empty() && !m_report.empty() &&
      std::filesystem::weakly_canonical(m_output) == std::filesystem::weakly_canonical(m_report)) {
    throw ConfigError("-o and --report name the same file, " + m_output + "; give each its own");
  }
  const diff::DiffOptions options{.tolerance = m_tolerance, .key = m_key};
  const diff::DatasetDiff result = diff::diff_datasets(m_a, m_b, options);
  // A key that matched no layer at all is a typing error, not a preference.
  if (!m_key.empty() && std::none_of(result.layers.begin(), result.layers.end(),
                                     [&](const diff::LayerDiff& l) { return l.key_field == m_key; })) {
    throw ConfigError("--key '" + m_key + "' is not a unique field of any layer on both sides");
  }
  if (!m_output.empty()) diff::write_diff_geopackage(result, m_output);
  if (!m_report.empty()) {
    // The figures a reviewer asks about first, when both files are crossaxis outputs, then the
    // layer-by-layer changes.
    std::string report = diff::markdown_report(result, options);
    const std::string words = report::diff_in_plain_words(m_a, m_b);
    if (!words.empty()) {
      const auto at = report.find("| layer |");
      report.insert(at == std::string::npos ? report.size() : at, words);
    }
    output::write_text_file(m_report, report);
  }
  // -q quiets stderr only, as for every command: the result is what was asked for.
  std::fputs((m_format == "jsonl" ? diff::jsonl(result) : diff::summary_text(result)).c_str(), stdout);
  std::fflush(stdout);
  return result.equal() ? ExitCode::Ok : ExitCode::Finding;
}

}  // namespace cx::cli
