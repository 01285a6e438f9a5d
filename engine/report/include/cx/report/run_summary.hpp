#pragma once

#include <string>

#include "cx/scenario/scenario_runner.hpp"

namespace cx::report {

/// A plain-text summary of one run for the terminal: land take by first-level class (m², ha,
/// 亩) of the proposals (of the existing roads for a scenario without proposals), the baseline
/// and scenario networks, and the change in mean zone-to-zone travel time. Fixed decimals, so
/// identical runs print identical text.
[[nodiscard]] std::string format_run_summary(const scenario::ScenarioResult& result);

/// The summary of `crossaxis overlay`: inputs, land take by class of all roads together, and
/// the protected zones they touch.
[[nodiscard]] std::string format_overlay_summary(const scenario::ScenarioResult& result);
/// What `crossaxis network` prints: the network's size and structure, OD and river crossings.
[[nodiscard]] std::string format_network_summary(const scenario::ScenarioResult& result);

}  // namespace cx::report
