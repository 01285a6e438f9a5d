#pragma once

#include <filesystem>
#include <string>

#include "cx/diff/diff.hpp"

namespace cx::diff {

/// Per layer, one line of counts, for the terminal.
[[nodiscard]] std::string summary_text(const DatasetDiff& diff);

/// JSON lines for machines: one object per layer ({"layer", "status", "key_field", counts}),
/// then one per changed feature ({"layer", "key", "change", "attributes": {field: {"old", "new",
/// "delta"}}, "geometry": {"d_area", "d_length", "hausdorff"}}).
[[nodiscard]] std::string jsonl(const DatasetDiff& diff);

/// A readable Markdown report: the verdict, a table of counts per layer, then per changed layer
/// its largest changes first (old → new per attribute, Δarea, Δlength, Hausdorff distance).
[[nodiscard]] std::string markdown_report(const DatasetDiff& diff, const DiffOptions& options);

/// A GeoPackage for QGIS: `diff_summary` (the counts per layer) and, per changed layer, a layer
/// of the same name with each added (B's geometry), removed (A's) and modified (B's) feature, its
/// `change` and what changed, styled green / red / amber. Written like every crossaxis output:
/// through a temporary file, byte-identical for the same two inputs.
void write_diff_geopackage(const DatasetDiff& diff, const std::filesystem::path& path);

}  // namespace cx::diff
