#pragma once

#include <CLI/CLI.hpp>

#include "exit_codes.hpp"

namespace cx::cli {

/// What every command shares: flags set by the main program.
struct GlobalOptions {
  bool quiet = false;
  bool verbose = false;  ///< log each step with its elapsed time instead of a progress bar
};

/// One subcommand. It declares its arguments on its own CLI11 sub-app (parsing and checking
/// them touches no file) and then runs. One command per file pair; listed in the registry.
class Command {
public:
  virtual ~Command() = default;
  /// Adds the subcommand and its options to `app`.
  virtual CLI::App* add_to(CLI::App& app) = 0;
  /// Runs after a successful parse. Throws cx::Error subclasses on failure.
  virtual ExitCode run(const GlobalOptions& global) = 0;
};

}  // namespace cx::cli
