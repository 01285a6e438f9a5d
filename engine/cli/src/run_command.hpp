#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "limit_options.hpp"
#include "cx/scenario/scenario_config.hpp"

namespace cx::cli {

/// `crossaxis run SCENARIO.toml... [-o OUT.gpkg] [--check]`: runs scenarios and prints a
/// summary of each; with --check, re-runs them into temporary files and compares those with the
/// outputs already there, byte for byte, leaving the outputs untouched.
class RunCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  ExitCode check(const std::vector<scenario::ScenarioConfig>& configs, const GlobalOptions& global) const;

  std::vector<std::string> m_scenarios;
  std::string m_output;
  std::string m_on_invalid;
  unsigned m_threads = 0;
  LimitOptions m_limits;
  MemoryOption m_memory;
  bool m_check = false;
};

}  // namespace cx::cli
