#pragma once

// What the ad-hoc commands (overlay, network) share: the working-CRS rule and field mapping.

#include <string>

#include "command.hpp"
#include "limit_options.hpp"
#include "cx/scenario/scenario_runner.hpp"
#include "cx/schema/layer_schema.hpp"

namespace cx::cli {

/// The working CRS: `given` (--crs) when set, else the roads layer's own CRS when it is
/// projected; otherwise an error that asks for --crs.
[[nodiscard]] std::string working_crs(const std::string& given, const std::string& roads,
                                      const std::string& layer);

/// Maps the logical field `logical` to the user's field `source`, when one was given.
void map_if_given(schema::FieldMapping& fields, const char* logical, const std::string& source);

/// What every ad-hoc command starts from: its name and command line, the working CRS (checked
/// to be projected), the output and the thread count.
struct AdHocRun {
  const char* command;          ///< "overlay", "network"
  std::string invocation;
  std::string crs, roads, roads_layer;
  std::string output;
  unsigned threads = 0;
  LimitOptions limits;
  MemoryOption memory;
};
[[nodiscard]] scenario::ScenarioConfig ad_hoc_config(const AdHocRun& run);

/// Adds --roads and --roads-layer to `sub`, filling `run`.
void add_roads_options(CLI::App* sub, AdHocRun& run);
/// Adds --crs, -o/--output and --threads, the exit-code footer, and records the command line
/// in `run.invocation` once parsed.
void add_output_options(CLI::App* sub, AdHocRun& run);

/// Runs `config` with the command's progress display and prints the warnings on stderr. A
/// layer that states no CRS is read as in `run.crs` when one was given (with a warning).
[[nodiscard]] scenario::ScenarioResult run_ad_hoc(scenario::ScenarioConfig config, const AdHocRun& run,
                                                  const GlobalOptions& global);

}  // namespace cx::cli
