#pragma once

#include <string_view>

#include "cx/core/diagnostics.hpp"
#include "cx/core/progress.hpp"

namespace cx::cli {

/// A progress bar in GDAL's terminal style ("0...10...20...30...40...50...60...70...80...90...100
/// - done.") on stderr, drawn only when stderr is a terminal and --quiet is not given.
/// It cancels the run (cx::Cancelled) once SIGINT or SIGTERM has arrived.
[[nodiscard]] Progress terminal_progress(bool quiet, std::string_view label);

/// Step messages with the elapsed time ("[   1.234 s] reading roads") on stderr, one per line:
/// for --verbose, and for finding where a run spends its time.
[[nodiscard]] Progress step_log(std::string_view label);

/// Prints every warning of a run on stderr, one line each, unless --quiet.
void print_warnings(const Diagnostics& diagnostics, bool quiet);

}  // namespace cx::cli
