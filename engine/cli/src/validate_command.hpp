#pragma once

#include <string>
#include <vector>

#include "command.hpp"
#include "limit_options.hpp"

namespace cx::cli {

/// `crossaxis validate SRC [--layer L] [--as TYPE] [--crs C] [--encoding E]`: what a run would
/// repair, skip or refuse in a dataset, per layer, without running an analysis. Exit 0 when
/// every layer is usable, 2 when one is not.
class ValidateCommand final : public Command {
public:
  CLI::App* add_to(CLI::App& app) override;
  ExitCode run(const GlobalOptions& global) override;

private:
  std::string m_source;
  std::string m_layer;
  std::string m_as;
  std::string m_crs;
  std::string m_working_crs = "EPSG:4547";
  std::string m_encoding;
  std::vector<std::string> m_fields;
  std::string m_on_invalid = "repair";
  LimitOptions m_limits;
};

}  // namespace cx::cli
