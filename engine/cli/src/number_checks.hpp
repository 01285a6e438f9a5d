#pragma once

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace cx::cli {

/// A number from `lo` to `hi`. Unlike CLI::Range, it refuses "nan": every comparison with NaN
/// is false, so a range check alone lets it through (a NaN snap distance joined no zone).
inline CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        errno = 0;
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || *end != '\0' || errno == ERANGE || !std::isfinite(value)) {
          return fmt::format("'{}' is not a number", text);
        }
        if (value < lo || value > hi) return fmt::format("{} is not between {} and {}", text, lo, hi);
        return {};
      },
      fmt::format("NUMBER in [{} - {}]", lo, hi));
}

/// A whole number of zero or more, digits only. CLI11 reads "-1" into an unsigned option as its
/// largest value: `--sample-zones -1` drew every junction, `--memory-limit -1` meant no limit.
inline CLI::Validator whole_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits ? std::string() : fmt::format("'{}' is not a whole number of zero or more", text);
      },
      "WHOLE NUMBER");
}

}  // namespace cx::cli
