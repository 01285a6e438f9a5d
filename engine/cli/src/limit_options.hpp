#pragma once

#include <cstdint>
#include <optional>

#include <CLI/CLI.hpp>

#include "cx/io/vector_reader.hpp"

namespace cx::cli {

/// --max-input-mb, --max-features, --max-vertices: the input limits of io::ReadLimits, given on
/// the command line (they override a scenario's [limits]).
struct LimitOptions {
  std::optional<std::uint64_t> max_input_mb;
  std::optional<std::uint64_t> max_features;
  std::optional<std::uint64_t> max_vertices;

  void add_to(CLI::App* sub);
  /// Sets the limits that were given.
  void apply(io::ReadLimits& limits) const;
};

}  // namespace cx::cli
