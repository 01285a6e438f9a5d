#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cx::output {

/// A default QGIS style for one output table, written to the GeoPackage's `layer_styles` table
/// (the table QGIS reads a layer's default style from).
struct LayerStyle {
  std::string table;        ///< f_table_name: the layer, exactly
  std::string name;         ///< styleName
  std::string qml;          ///< the QGIS style document
  std::string description;  ///< what the style shows
};

/// Pieces of QGIS style documents (QML, as QGIS 3 reads them), so that style templates only
/// hold what is particular to a layer. Colours are "r,g,b,a".
namespace qml {

/// A fill symbol for polygons, with a thin outline.
[[nodiscard]] std::string fill_symbol(std::string_view name, std::string_view colour,
                                      std::string_view outline = "35,35,35,255", double outline_mm = 0.26);
/// A line symbol.
[[nodiscard]] std::string line_symbol(std::string_view name, std::string_view colour, double width_mm);
/// A circle marker symbol.
[[nodiscard]] std::string marker_symbol(std::string_view name, std::string_view colour, double size_mm);
/// One class of a categorized renderer.
[[nodiscard]] std::string category(std::string_view value, std::string_view label, std::string_view symbol);
/// One class of a graduated renderer.
[[nodiscard]] std::string range(double lower, double upper, std::string_view label, std::string_view symbol);
enum class SymbolKind { Fill, Line, Marker };

/// A symbol of the given kind: a fill's outline, or a line's width or a marker's size in mm.
[[nodiscard]] std::string symbol(SymbolKind kind, std::string_view name, std::string_view colour, double size_mm);

/// One class of a categorized renderer: features whose value is `value` ("" = all other values).
struct Category {
  std::string value;
  std::string label;
  std::string colour;
  double size_mm = 0.6;  ///< line width or marker size (fills: outline width 0.26)
};
/// The {{CATEGORIES}} and {{SYMBOLS}} of a categorized renderer (symbol i draws class i).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> categorized(const std::vector<Category>& classes,
                                                                          SymbolKind kind);

/// One class of a graduated renderer: lower < value <= upper.
struct Range {
  double lower = 0.0;
  double upper = 0.0;
  std::string label;
  std::string colour;
  double size_mm = 0.6;
};
/// The {{RANGES}} and {{SYMBOLS}} of a graduated renderer.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> graduated(const std::vector<Range>& classes,
                                                                        SymbolKind kind);
/// Class breaks at the quantiles of `values` (at most `classes` classes; repeated breaks merged):
/// the first is the minimum, the last the maximum. Empty when there are no values.
[[nodiscard]] std::vector<double> quantile_breaks(std::vector<double> values, int classes);

/// Ranges between the quantile breaks of `values` (up to as many classes as `colours`), coloured
/// and sized along the given ramps (same length), labelled "a – b" with `decimals` decimals.
[[nodiscard]] std::vector<Range> quantile_ranges(std::vector<double> values, const std::vector<std::string>& colours,
                                                 const std::vector<double>& sizes_mm, int decimals);

/// A categorized style: `qml_template` with its {{CATEGORIES}} and {{SYMBOLS}} filled in.
[[nodiscard]] LayerStyle categorized_style(std::string table, std::string name, std::string_view qml_template,
                                           const std::vector<Category>& classes, SymbolKind kind,
                                           std::string description);
/// A graduated style: `qml_template` with its {{RANGES}} and {{SYMBOLS}} filled in.
[[nodiscard]] LayerStyle graduated_style(std::string table, std::string name, std::string_view qml_template,
                                         const std::vector<Range>& classes, SymbolKind kind, std::string description);

/// Text escaped for an XML attribute.
[[nodiscard]] std::string escape(std::string_view text);
/// `text` with every {{KEY}} replaced by its value; throws cx::InternalError for a placeholder
/// left without a value (a template and its code out of step).
[[nodiscard]] std::string fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace qml
}  // namespace cx::output
