#pragma once

namespace cx::cli {

/// Exit codes of every crossaxis command (documented in README.md and --help).
enum class ExitCode : int {
  Ok = 0,           ///< success
  Finding = 1,      ///< an analysis finding the caller asked to fail on (diff: "different")
  InputError = 2,   ///< usage, scenario or input data error: nothing was written
  InternalError = 3, ///< a bug in crossaxis or a failure in a library
  Interrupted = 130  ///< SIGINT/SIGTERM: stopped, temporary output removed (shell convention)
};

}  // namespace cx::cli
