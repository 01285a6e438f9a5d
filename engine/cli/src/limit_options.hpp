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

/// --memory-limit: the memory the land use may take during an overlay (it overrides a
/// scenario's [limits] memory_mb).
struct MemoryOption {
  std::optional<std::uint64_t> mb;

  void add_to(CLI::App* sub);
  void apply(std::uint64_t& memory_limit_mb) const {
    if (mb) memory_limit_mb = *mb;
  }
};

/// Says on stderr (unless quiet) when the process has taken more memory than `limit_mb` (0: no
/// limit): only the land use is read in chunks, so a run whose roads take much land can exceed
/// it. Not in the output file, which must not depend on the machine.
void note_peak_over_memory_limit(std::uint64_t limit_mb, bool quiet);

}  // namespace cx::cli
