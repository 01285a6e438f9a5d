#pragma once

#include <string>
#include <vector>

#include "command.hpp"

namespace cx::cli {

/// `crossaxis run SCENARIO.toml... [-o OUT.gpkg]`: runs scenarios and prints a summary of each.
class RunCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  std::vector<std::string> m_scenarios;
  std::string m_output;
  std::string m_on_invalid;
  unsigned m_threads = 0;
};

}  // namespace cx::cli
