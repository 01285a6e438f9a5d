#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "cx/output/table_schema.hpp"
#include "table_helpers.hpp"
#include "cx/scenario/scenario_analysis.hpp"
#include "cx/scenario/scenario_inputs.hpp"

namespace cx::scenario::detail {


/// Every table of a scenario's GeoPackage, in the order they are written.
/// Receives each finished table; it may write and drop it at once, so that only one table's
/// rows are in memory at a time.
using TableSink = std::function<void(OutputTable&&)>;

void build_result_tables(const ScenarioConfig& config,
                                                           const ScenarioInputs& inputs,
                                                           const ScenarioAnalysis& analysis,
                                                           const Diagnostics& diagnostics,
                                                           const std::string& engine_version,
                                                           const geom::GeosContext& ctx,
                                                           const TableSink& sink);

/// The stable key of a line: its road id, or "<proposal id>/<line id>" for a proposal.
[[nodiscard]] std::string line_key(const roads::Road& line);

/// The overlay's tables: row, land_take, land_take_by_class, conflicts, conflicts_summary,
/// land_saving_chapter, crossings, crossings_summary.
void overlay_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis,
                    const geom::GeosContext& ctx, const TableSink& sink);

}  // namespace cx::scenario::detail
