#include "limit_options.hpp"

#include <cstdio>
#include <string>

#include <sys/resource.h>

#include "number_checks.hpp"

namespace cx::cli {

void LimitOptions::add_to(CLI::App* sub) {
  const io::ReadLimits defaults;
  sub->add_option("--max-input-mb", max_input_mb,
                  "Refuse an input source larger than this many MB (default " +
                      std::to_string(defaults.max_file_mb) + "; 0 = no limit)")
      ->check(whole_number());
  sub->add_option("--max-features", max_features,
                  "Refuse an input layer with more features (default " +
                      std::to_string(defaults.max_features) + "; 0 = no limit)")
      ->check(whole_number());
  sub->add_option("--max-vertices", max_vertices,
                  "Refuse a feature whose geometry has more vertices (default " +
                      std::to_string(defaults.max_vertices) + "; 0 = no limit)")
      ->check(whole_number());
}

void MemoryOption::add_to(CLI::App* sub) {
  sub->add_option("--memory-limit", mb,
                  "About how much memory (MB) the land use may take while the roads cut it; a "
                  "larger layer is read in chunks, with the same results (default: read whole)")
      ->check(whole_number());
}

void note_peak_over_memory_limit(std::uint64_t limit_mb, bool quiet) {
  rusage usage{};
  if (limit_mb == 0 || quiet || getrusage(RUSAGE_SELF, &usage) != 0) return;
  const auto peak_mb = static_cast<unsigned long long>(usage.ru_maxrss) / 1024;  // ru_maxrss: KiB
  if (peak_mb <= limit_mb) return;
  std::fprintf(stderr,
               "crossaxis: note: the run took %llu MB at its peak, more than --memory-limit (%llu MB): "
               "only the land use is read in chunks; the roads, their rights-of-way and the land "
               "taken are held whole\n",
               peak_mb, static_cast<unsigned long long>(limit_mb));
}

void LimitOptions::apply(io::ReadLimits& limits) const {
  if (max_input_mb) limits.max_file_mb = *max_input_mb;
  if (max_features) limits.max_features = *max_features;
  if (max_vertices) limits.max_vertices = *max_vertices;
}

}  // namespace cx::cli
