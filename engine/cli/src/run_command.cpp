#include "run_command.hpp"

#include <cstdio>
#include <filesystem>
#include <map>

#include "cx/core/error.hpp"
#include "cx/io/layer_digest.hpp"
#include "cx/report/run_summary.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_runner.hpp"
#include "terminal_progress.hpp"

namespace cx::cli {

CLI::App* RunCommand::add_to(CLI::App& app) {
  CLI::App* sub = app.add_subcommand(
      "run",
      "Run one or more scenario files: load and validate the layers, compute rights-of-way, land "
      "take, road networks and zone travel times, write one GeoPackage per scenario, print a "
      "summary.");
  sub->add_option("scenarios", m_scenarios, "Scenario files (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("-o,--output", m_output,
                  "Output GeoPackage (only with one scenario; default: the scenario's `output`)");
  sub->add_option("--on-invalid", m_on_invalid,
                  "Invalid polygons: repair (MakeValid, counted in a warning) or fail; overrides "
                  "the scenario's on_invalid")
      ->check(CLI::IsMember({"repair", "fail"}));
  sub->add_option("--threads", m_threads, "Worker threads (default: all cores); results are the same")
      ->check(CLI::Range(0U, 256U));
  m_limits.add_to(sub);
  m_memory.add_to(sub);
  sub->add_flag("--check", m_check,
                "Re-run into a temporary file and compare it byte for byte with the output "
                "already there (which is left as it is): exit 0 when every one is identical, 1 "
                "when one differs");
  sub->footer(
      "Exit codes: 0 success (--check: identical), 1 a finding asked to fail on (--check: an "
      "output differs), 2 usage, scenario or input error (no output written), 3 internal error.");
  return sub;
}

namespace {

// Two scenarios of one run writing one file: the second would silently replace the first.
void refuse_shared_outputs(const std::vector<scenario::ScenarioConfig>& configs) {
  std::map<std::filesystem::path, const scenario::ScenarioConfig*> seen;
  for (const auto& config : configs) {
    const auto [at, added] = seen.try_emplace(std::filesystem::weakly_canonical(config.output), &config);
    if (!added) {
      throw ConfigError("scenarios '" + at->second->file.string() + "' and '" + config.file.string() +
                        "' would both write " + config.output.string() + "; give each its own output");
    }
  }
}

}  // namespace

ExitCode RunCommand::run(const GlobalOptions& global) {
  if (!m_output.empty() && m_scenarios.size() != 1) {
    throw ConfigError("-o/--output can only be used with a single scenario file");
  }
  // Parse and validate every scenario before any analysis runs or any file is written.
  std::vector<scenario::ScenarioConfig> configs;
  for (const auto& file : m_scenarios) {
    configs.push_back(scenario::parse_scenario_file(file));
    if (m_on_invalid == "fail") configs.back().on_invalid = schema::InvalidPolicy::Fail;
    if (m_on_invalid == "repair") configs.back().on_invalid = schema::InvalidPolicy::Repair;
    configs.back().threads = m_threads;
    m_limits.apply(configs.back().limits);
    m_memory.apply(configs.back().memory_limit_mb);
  }
  refuse_shared_outputs(configs);
  if (m_check) return check(configs, global);
  for (const auto& config : configs) {
    scenario::RunOptions options;
    options.last_in_process = &config == &configs.back();
    if (!m_output.empty()) options.output = m_output;
    options.progress = global.verbose ? step_log(config.name)
                                      : terminal_progress(global.quiet, config.name);
    const scenario::ScenarioResult result = scenario::run_scenario(config, options);
    print_warnings(result.diagnostics, global.quiet);
    note_peak_over_memory_limit(config.memory_limit_mb, global.quiet);
    std::fputs(report::format_run_summary(result).c_str(), stdout);
    std::fflush(stdout);
  }
  return ExitCode::Ok;
}

ExitCode RunCommand::check(const std::vector<scenario::ScenarioConfig>& configs,
                           const GlobalOptions& global) const {
  bool all_identical = true;
  for (const auto& config : configs) {
    const std::filesystem::path existing = m_output.empty() ? config.output : std::filesystem::path(m_output);
    if (!std::filesystem::is_regular_file(existing)) {
      throw InputError("nothing to check against: run the scenario first (without --check)",
                       ErrorContext{.path = existing.string()});
    }
    const std::string before = io::file_sha256(existing.string());
    // The re-run goes to a file of its own beside the output, removed afterwards.
    const std::filesystem::path rerun = existing.parent_path() / (".check-" + existing.filename().string());
    scenario::RunOptions options;
    options.output = rerun;
    options.progress = global.verbose ? step_log(config.name) : terminal_progress(global.quiet, config.name);
    try {
      (void)scenario::run_scenario(config, options);
    } catch (...) {
      std::filesystem::remove(rerun);
      throw;
    }
    const std::string after = io::file_sha256(rerun.string());
    std::filesystem::remove(rerun);
    if (before == after) {
      std::printf("check %s: identical, sha256 %s\n", existing.string().c_str(), before.c_str());
    } else {
      all_identical = false;
      std::printf("check %s: DIFFERENT from a re-run (sha256 %s, re-run %s): its inputs, its "
                  "scenario or the engine changed since it was written\n",
                  existing.string().c_str(), before.c_str(), after.c_str());
    }
  }
  std::fflush(stdout);
  return all_identical ? ExitCode::Ok : ExitCode::Finding;
}

}  // namespace cx::cli
