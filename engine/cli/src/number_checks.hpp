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

}  // namespace cx::cli
