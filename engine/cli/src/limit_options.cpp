#include "limit_options.hpp"

#include <string>

namespace cx::cli {

void LimitOptions::add_to(CLI::App* sub) {
  const io::ReadLimits defaults;
  sub->add_option("--max-input-mb", max_input_mb,
                  "Refuse an input source larger than this many MB (default " +
                      std::to_string(defaults.max_file_mb) + "; 0 = no limit)");
  sub->add_option("--max-features", max_features,
                  "Refuse an input layer with more features (default " +
                      std::to_string(defaults.max_features) + "; 0 = no limit)");
  sub->add_option("--max-vertices", max_vertices,
                  "Refuse a feature whose geometry has more vertices (default " +
                      std::to_string(defaults.max_vertices) + "; 0 = no limit)");
}

void LimitOptions::apply(io::ReadLimits& limits) const {
  if (max_input_mb) limits.max_file_mb = *max_input_mb;
  if (max_features) limits.max_features = *max_features;
  if (max_vertices) limits.max_vertices = *max_vertices;
}

}  // namespace cx::cli
