#pragma once

#include <functional>
#include <utility>
#include <vector>

#include "cx/output/table_schema.hpp"
#include "table_helpers.hpp"
#include "cx/scenario/scenario_analysis.hpp"
#include "cx/scenario/scenario_inputs.hpp"

namespace cx::scenario::detail {

/// Receives each finished table; it may write and drop it at once, so that only one table's
/// rows are in memory at a time.
using TableSink = std::function<void(OutputTable&&)>;

/// The tables that need only the works and their land take, first in a scenario's GeoPackage:
/// row and land_take (with the overlay run). They only read what TakesReady promises final.
void take_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis, const TableSink& sink);

/// Every other table of a scenario's GeoPackage, in the order they are written (after those).
void build_result_tables(const ScenarioConfig& config, const ScenarioInputs& inputs,
                         const ScenarioAnalysis& analysis, const Diagnostics& diagnostics,
                         const std::string& engine_version, const geom::GeosContext& ctx,
                         const TableSink& sink);

/// The stable key of a line: its road id, or "<proposal id>/<line id>" for a proposal.
[[nodiscard]] std::string line_key(const roads::Road& line);

/// The overlay's tables after take_tables': land_take_by_class, conflicts, conflicts_summary,
/// land_saving_chapter, crossings, crossings_summary, passage_candidates.
void overlay_tables(const ScenarioInputs& inputs, const ScenarioAnalysis& analysis,
                    const geom::GeosContext& ctx, const TableSink& sink);

}  // namespace cx::scenario::detail
