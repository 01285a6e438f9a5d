#include "cx/output/layer_style.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cx/core/error.hpp"

namespace cx::output::qml {

std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {
std::string prop(std::string_view key, std::string_view value) {
  return fmt::format(R"(<prop k="{}" v="{}"/>)", key, escape(value));
}

std::string symbol(std::string_view type, std::string_view name, std::string_view layer_class,
                   const std::string& props) {
  return fmt::format(
      R"(<symbol type="{}" name="{}" alpha="1" clip_to_extent="1" force_rhr="0">)"
      R"(<layer class="{}" enabled="1" pass="0" locked="0">{}</layer></symbol>)",
      type, escape(name), layer_class, props);
}
}  // namespace

std::string fill_symbol(std::string_view name, std::string_view colour, std::string_view outline,
                        double outline_mm) {
  return symbol("fill", name, "SimpleFill",
                prop("color", colour) + prop("style", "solid") + prop("outline_color", outline) +
                    prop("outline_style", "solid") + prop("outline_width", fmt::format("{}", outline_mm)) +
                    prop("outline_width_unit", "MM"));
}

std::string line_symbol(std::string_view name, std::string_view colour, double width_mm) {
  return symbol("line", name, "SimpleLine",
                prop("line_color", colour) + prop("line_style", "solid") +
                    prop("line_width", fmt::format("{}", width_mm)) + prop("line_width_unit", "MM") +
                    prop("capstyle", "round") + prop("joinstyle", "round"));
}

std::string marker_symbol(std::string_view name, std::string_view colour, double size_mm) {
  return symbol("marker", name, "SimpleMarker",
                prop("name", "circle") + prop("color", colour) + prop("outline_color", "35,35,35,255") +
                    prop("outline_width", "0.2") + prop("size", fmt::format("{}", size_mm)) +
                    prop("size_unit", "MM"));
}

std::string category(std::string_view value, std::string_view label, std::string_view symbol_name) {
  return fmt::format(R"(<category render="true" value="{}" label="{}" symbol="{}"/>)", escape(value),
                     escape(label), escape(symbol_name));
}

// The bounds in full (the shortest text that reads back as the same double): rounded to six
// decimals, the lowest and highest values fell outside every class (patches of 2.90000058 ha
// under a class from 2.900001), and QGIS drew nothing for them.
std::string range(double lower, double upper, std::string_view label, std::string_view symbol_name) {
  return fmt::format(R"(<range render="true" lower="{}" upper="{}" label="{}" symbol="{}"/>)",
                     lower, upper, escape(label), escape(symbol_name));
}

std::string symbol(SymbolKind kind, std::string_view name, std::string_view colour, double size_mm) {
  switch (kind) {
    case SymbolKind::Fill: return fill_symbol(name, colour);
    case SymbolKind::Line: return line_symbol(name, colour, size_mm);
    case SymbolKind::Marker: return marker_symbol(name, colour, size_mm);
  }
  return fill_symbol(name, colour);
}

std::vector<std::pair<std::string, std::string>> categorized(const std::vector<Category>& classes,
                                                            SymbolKind kind) {
  std::string categories, symbols;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const std::string name = std::to_string(i);
    categories += "      " + category(classes[i].value, classes[i].label, name) + "\n";
    symbols += "      " + symbol(kind, name, classes[i].colour, classes[i].size_mm) + "\n";
  }
  return {{"CATEGORIES", categories}, {"SYMBOLS", symbols}};
}

std::vector<std::pair<std::string, std::string>> graduated(const std::vector<Range>& classes, SymbolKind kind) {
  std::string ranges, symbols;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const std::string name = std::to_string(i);
    ranges += "      " + range(classes[i].lower, classes[i].upper, classes[i].label, name) + "\n";
    symbols += "      " + symbol(kind, name, classes[i].colour, classes[i].size_mm) + "\n";
  }
  return {{"RANGES", ranges}, {"SYMBOLS", symbols}};
}

LayerStyle categorized_style(std::string table, std::string name, std::string_view qml_template,
                             const std::vector<Category>& classes, SymbolKind kind, std::string description) {
  return {std::move(table), std::move(name), fill(qml_template, categorized(classes, kind)), std::move(description)};
}

LayerStyle graduated_style(std::string table, std::string name, std::string_view qml_template,
                           const std::vector<Range>& classes, SymbolKind kind, std::string description) {
  return {std::move(table), std::move(name), fill(qml_template, graduated(classes, kind)), std::move(description)};
}

std::vector<double> quantile_breaks(std::vector<double> values, int classes) {
  std::vector<double> out;
  if (values.empty() || classes < 1) return out;
  std::sort(values.begin(), values.end());
  for (int k = 0; k <= classes; ++k) {
    const auto at = static_cast<std::size_t>(static_cast<double>(values.size() - 1) * k / classes);
    if (out.empty() || values[at] > out.back()) out.push_back(values[at]);
  }
  if (out.size() == 1) out.push_back(out.front());  // one value: one class [v, v]
  return out;
}

std::vector<Range> quantile_ranges(std::vector<double> values, const std::vector<std::string>& colours,
                                   const std::vector<double>& sizes_mm, int decimals) {
  CX_ASSERT(!colours.empty() && colours.size() == sizes_mm.size());
  const auto breaks = quantile_breaks(std::move(values), static_cast<int>(colours.size()));
  std::vector<Range> out;
  const std::size_t classes = breaks.empty() ? 0 : breaks.size() - 1;
  for (std::size_t i = 0; i < classes; ++i) {
    // Fewer classes than colours (repeated values): spread them over the whole ramp.
    const std::size_t pick = classes == 1 ? colours.size() - 1 : i * (colours.size() - 1) / (classes - 1);
    out.push_back({breaks[i], breaks[i + 1],
                   fmt::format("{:.{}f} – {:.{}f}", breaks[i], decimals, breaks[i + 1], decimals),
                   colours[pick], sizes_mm[pick]});
  }
  return out;
}

std::string fill(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  std::size_t at = 0;
  for (auto open = text.find("{{"); open != std::string_view::npos; open = text.find("{{", at)) {
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) break;
    const std::string_view key = text.substr(open + 2, close - open - 2);
    const auto value = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == key; });
    if (value == values.end()) throw InternalError("style template: no value for {{" + std::string(key) + "}}");
    out.append(text.substr(at, open - at)).append(value->second);
    at = close + 2;
  }
  return out.append(text.substr(at));
}

}  // namespace cx::output::qml
