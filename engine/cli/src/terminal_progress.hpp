#pragma once

#include <string_view>

#include "cx/core/progress.hpp"

namespace cx::cli {

/// A progress bar in GDAL's terminal style ("0...10...20...30...40...50...60...70...80...90...100
/// - done.") on stderr, drawn only when stderr is a terminal and --quiet is not given.
/// The callback never cancels.
[[nodiscard]] Progress terminal_progress(bool quiet, std::string_view label);

}  // namespace cx::cli
