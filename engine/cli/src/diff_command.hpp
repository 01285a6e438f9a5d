#pragma once

#include <string>

#include "command.hpp"

namespace cx::cli {

/// `crossaxis diff A.gpkg B.gpkg [--key F] [--tolerance T] [-o DIFF.gpkg] [--report DIFF.md]
/// [--format text|jsonl]`: what changed from A to B, layer by layer and feature by feature.
class DiffCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  std::string m_a;
  std::string m_b;
  std::string m_key;
  double m_tolerance = 1e-9;
  std::string m_output;
  std::string m_report;
  std::string m_format = "text";
};

}  // namespace cx::cli
