#pragma once

#include <set>
#include <string>
#include <vector>

#include "cx/output/layer_style.hpp"
#include "cx/scenario/scenario_analysis.hpp"
#include "cx/scenario/scenario_config.hpp"

namespace cx::scenario::detail {

/// The default QGIS style of every written table that has one, each from the layer type it
/// belongs to (layers/*/styles); graduated styles take their class breaks from the values
/// written. In a fixed order, so the file stays the same from run to run.
[[nodiscard]] std::vector<output::LayerStyle> default_styles(const ScenarioConfig& config,
                                                             const ScenarioAnalysis& analysis,
                                                             const std::set<std::string>& written);

}  // namespace cx::scenario::detail
