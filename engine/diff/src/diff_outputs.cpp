#include "cx/diff/diff_outputs.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "cx/crs/crs.hpp"
#include "cx/output/gpkg_writer.hpp"

namespace cx::diff {
namespace {

std::string status(const LayerDiff& l) {
  if (!l.in_b) return "only in A";
  if (!l.in_a) return "only in B";
  return l.equal() ? "same" : "different";
}

// What changed in a modified feature, in words.
std::string what_changed(const FeatureChange& c) {
  if (c.change != Change::Modified) return "";
  if (!c.values.empty() && c.geometry) return "attributes and geometry";
  return c.values.empty() ? "geometry" : "attributes";
}

std::string value_changes(const FeatureChange& c) {
  std::string out;
  for (const auto& v : c.values) {
    out += fmt::format("{}{}: {} → {}", out.empty() ? "" : "; ", v.field, display(v.before), display(v.after));
    if (v.delta) out += fmt::format(" ({:+.6g})", *v.delta);
  }
  return out;
}

std::string geometry_change(const GeometryChange& g) {
  std::string out;
  const auto add = [&](const char* what, const std::optional<double>& v, const char* unit) {
    if (v) out += fmt::format("{}{} {:+.6g}{}", out.empty() ? "" : ", ", what, *v, unit);
  };
  add("Δarea", g.d_area, " m²");
  add("Δlength", g.d_length, " m");
  if (g.hausdorff) out += fmt::format("{}Hausdorff {:.6g} m", out.empty() ? "" : ", ", *g.hausdorff);
  return out.empty() ? "geometry added or removed" : out;
}

// The size of a modified feature's change, for ordering the report: the largest of its numbers.
double magnitude(const FeatureChange& c) {
  double m = 0.0;
  for (const auto& v : c.values) {
    if (v.delta) m = std::max(m, std::abs(*v.delta));
  }
  if (c.geometry) {
    for (const auto& g : {c.geometry->d_area, c.geometry->d_length, c.geometry->hausdorff}) {
      if (g) m = std::max(m, std::abs(*g));
    }
  }
  return m;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string json_number(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : "null"; }

std::string json_value(const io::FieldValue& v) {
  if (io::is_null(v)) return "null";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&v)) return json_number(*d);
  return json_string(std::get<std::string>(v));
}

std::string json_optional(const std::optional<double>& v) { return v ? json_number(*v) : "null"; }

// Symbols by the geometry of the first changed feature: points, lines or areas.
output::qml::SymbolKind symbol_kind(const LayerDiff& l) {
  for (const auto& c : l.changes) {
    if (c.wkb.size() < 5) continue;
    const auto type = static_cast<unsigned>(c.wkb[1]) % 1000;  // little-endian type code, 2D
    if (type == 1 || type == 4) return output::qml::SymbolKind::Marker;
    if (type == 2 || type == 5) return output::qml::SymbolKind::Line;
    return output::qml::SymbolKind::Fill;
  }
  return output::qml::SymbolKind::Fill;
}

constexpr const char* change_style = R"(<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="change" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
{{CATEGORIES}}
    </categories>
    <symbols>
{{SYMBOLS}}
    </symbols>
  </renderer-v2>
  <layerOpacity>0.8</layerOpacity>
</qgis>
)";

bool writable_name(const std::string& name) {
  return name != "layer_styles" && name != "diff_summary" && !name.starts_with("gpkg_") && !name.starts_with("rtree_");
}

}  // namespace

std::string summary_text(const DatasetDiff& diff) {
  std::string out = fmt::format("{}: A = {}, B = {}\n", diff.equal() ? "same" : "different", diff.path_a, diff.path_b);
  for (const auto& l : diff.layers) {
    if (!l.in_a || !l.in_b) {
      out += fmt::format("  {:<28} {} ({} features)\n", l.name, status(l), l.in_a ? l.features_a : l.features_b);
      continue;
    }
    out += fmt::format("  {:<28} {:>6} added {:>6} removed {:>6} modified ({} attributes, {} geometry) {:>7} unchanged{}\n",
                       l.name, l.count(Change::Added), l.count(Change::Removed), l.count(Change::Modified),
                       l.attribute_changes(), l.geometry_changes(), l.unchanged,
                       l.key_field.empty() ? "  (matched by FID)" : "");
  }
  return out;
}

std::string jsonl(const DatasetDiff& diff) {
  std::string out;
  for (const auto& l : diff.layers) {
    out += fmt::format(R"({{"layer":{},"status":{},"key_field":{},"features_a":{},"features_b":{},)"
                       R"("added":{},"removed":{},"modified":{},"attribute_changes":{},"geometry_changes":{},"unchanged":{}}})"
                       "\n",
                       json_string(l.name), json_string(status(l)),
                       l.key_field.empty() ? "null" : json_string(l.key_field), l.features_a, l.features_b,
                       l.count(Change::Added), l.count(Change::Removed), l.count(Change::Modified),
                       l.attribute_changes(), l.geometry_changes(), l.unchanged);
  }
  for (const auto& l : diff.layers) {
    for (const auto& c : l.changes) {
      std::string attributes;
      for (const auto& v : c.values) {
        attributes += fmt::format(R"({}{}:{{"old":{},"new":{},"delta":{}}})", attributes.empty() ? "" : ",",
                                  json_string(v.field), json_value(v.before), json_value(v.after),
                                  json_optional(v.delta));
      }
      std::string geometry = "null";
      if (c.geometry) {
        geometry = fmt::format(R"({{"d_area":{},"d_length":{},"hausdorff":{}}})", json_optional(c.geometry->d_area),
                               json_optional(c.geometry->d_length), json_optional(c.geometry->hausdorff));
      }
      out += fmt::format(R"({{"layer":{},"key":{},"change":{},"attributes":{{{}}},"geometry":{}}})"
                         "\n",
                         json_string(l.name), json_string(c.key), json_string(to_string(c.change)), attributes,
                         geometry);
    }
  }
  return out;
}

std::string markdown_report(const DatasetDiff& diff, const DiffOptions& options) {
  std::string out = "# Differences between two outputs\n\n";
  out += fmt::format("- A: `{}`\n- B: `{}`\n- tolerance: {:g} (numbers and geometry, in the layers' units)\n\n",
                     diff.path_a, diff.path_b, options.tolerance);
  std::size_t changed = 0;
  for (const auto& l : diff.layers) changed += l.equal() ? 0 : 1;
  out += diff.equal() ? "**The two are the same.**\n\n"
                      : fmt::format("**{} of {} layers differ.**\n\n", changed, diff.layers.size());
  out += "| layer | A | B | added | removed | modified | of which attributes / geometry | unchanged | matched by |\n"
         "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& l : diff.layers) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} / {} | {} | {} |\n", l.name,
                       l.in_a ? std::to_string(l.features_a) : "–", l.in_b ? std::to_string(l.features_b) : "–",
                       l.count(Change::Added), l.count(Change::Removed), l.count(Change::Modified),
                       l.attribute_changes(), l.geometry_changes(), l.unchanged,
                       !l.in_a || !l.in_b ? status(l) : (l.key_field.empty() ? "FID" : "`" + l.key_field + "`"));
  }
  for (const auto& l : diff.layers) {
    if (l.equal() || !l.in_a || !l.in_b) continue;
    out += fmt::format("\n## {}\n\n", l.name);
    for (const auto& w : l.warnings) out += fmt::format("> {}\n\n", w);
    if (!l.fields_only_in_a.empty()) out += "Fields only in A: " + fmt::format("{}", fmt::join(l.fields_only_in_a, ", ")) + "\n\n";
    if (!l.fields_only_in_b.empty()) out += "Fields only in B: " + fmt::format("{}", fmt::join(l.fields_only_in_b, ", ")) + "\n\n";
    std::vector<const FeatureChange*> modified, others;
    for (const auto& c : l.changes) (c.change == Change::Modified ? modified : others).push_back(&c);
    std::stable_sort(modified.begin(), modified.end(),
                     [](const auto* x, const auto* y) { return magnitude(*x) > magnitude(*y); });
    constexpr std::size_t shown = 20;
    if (!modified.empty()) {
      out += fmt::format("Modified, largest changes first ({} of {}):\n\n", std::min(shown, modified.size()), modified.size());
      for (std::size_t i = 0; i < std::min(shown, modified.size()); ++i) {
        const auto& c = *modified[i];
        std::string text = value_changes(c);
        if (c.geometry) text += (text.empty() ? "" : "; ") + std::string("geometry: ") + geometry_change(*c.geometry);
        out += fmt::format("- `{}`: {}\n", c.key, text);
      }
      out += "\n";
    }
    for (const Change kind : {Change::Added, Change::Removed}) {
      std::vector<std::string> keys;
      for (const auto* c : others) {
        if (c->change == kind) keys.push_back("`" + c->key + "`");
      }
      if (keys.empty()) continue;
      const std::size_t total = keys.size();
      if (keys.size() > shown) keys.resize(shown);
      out += fmt::format("{} ({}): {}{}\n\n", kind == Change::Added ? "Added" : "Removed", total,
                         fmt::join(keys, ", "), total > shown ? ", …" : "");
    }
  }
  return out;
}

void write_diff_geopackage(const DatasetDiff& diff, const std::filesystem::path& path) {
  std::string wkt;
  for (const auto& l : diff.layers) {
    if (l.spatial && !l.changes.empty() && !l.crs_wkt.empty()) {
      wkt = l.crs_wkt;
      break;
    }
  }
  output::GpkgWriter writer(path, wkt.empty() ? crs::Crs::from_user_input("EPSG:4326") : crs::Crs::from_wkt(wkt));
  using output::ColumnType;
  std::vector<output::Row> summary;
  for (const auto& l : diff.layers) {
    summary.push_back({{l.name, status(l), l.key_field.empty() ? io::FieldValue{} : io::FieldValue{l.key_field},
                        static_cast<std::int64_t>(l.features_a), static_cast<std::int64_t>(l.features_b),
                        static_cast<std::int64_t>(l.count(Change::Added)), static_cast<std::int64_t>(l.count(Change::Removed)),
                        static_cast<std::int64_t>(l.count(Change::Modified)),
                        static_cast<std::int64_t>(l.attribute_changes()), static_cast<std::int64_t>(l.geometry_changes()),
                        static_cast<std::int64_t>(l.unchanged),
                        fmt::format("{}", fmt::join(l.warnings, "; "))},
                       {}});
  }
  writer.write_table({"diff_summary", output::GeometryKind::None,
                      {{"layer", ColumnType::Text}, {"status", ColumnType::Text}, {"key_field", ColumnType::Text},
                       {"features_a", ColumnType::Integer}, {"features_b", ColumnType::Integer},
                       {"added", ColumnType::Integer}, {"removed", ColumnType::Integer},
                       {"modified", ColumnType::Integer}, {"attribute_changes", ColumnType::Integer},
                       {"geometry_changes", ColumnType::Integer}, {"unchanged", ColumnType::Integer},
                       {"warnings", ColumnType::Text}},
                      "Per layer of A and B: how many features were added, removed, modified, unchanged"},
                     std::move(summary));
  std::vector<output::LayerStyle> styles;
  for (const auto& l : diff.layers) {
    if (l.changes.empty() || !writable_name(l.name)) continue;
    std::vector<output::Row> rows;
    for (const auto& c : l.changes) {
      const auto optional = [](const std::optional<double>& v) { return v ? io::FieldValue{*v} : io::FieldValue{}; };
      const GeometryChange g = c.geometry.value_or(GeometryChange{});
      rows.push_back({{c.key, std::string(to_string(c.change)), what_changed(c), value_changes(c),
                       optional(g.d_area), optional(g.d_length), optional(g.hausdorff)},
                      l.spatial ? c.wkb : std::vector<std::uint8_t>{}});
    }
    writer.write_table({l.name, l.spatial ? output::GeometryKind::Geometry : output::GeometryKind::None,
                        {{"key", ColumnType::Text}, {"change", ColumnType::Text}, {"what", ColumnType::Text},
                         {"changes", ColumnType::Text}, {"d_area", ColumnType::Real}, {"d_length", ColumnType::Real},
                         {"hausdorff", ColumnType::Real}},
                        fmt::format("Features of '{}' added, removed or modified from A to B (matched by {})", l.name,
                                    l.key_field.empty() ? "FID" : l.key_field)},
                       std::move(rows));
    if (!l.spatial) continue;
    const auto kind = symbol_kind(l);
    const std::vector<output::qml::Category> classes{{"added", "新增 Added", "0,170,0,255", 2.5},
                                                     {"removed", "删除 Removed", "220,30,30,255", 2.5},
                                                     {"modified", "修改 Modified", "255,170,0,255", 2.5}};
    styles.push_back(output::qml::categorized_style(l.name, "changes", change_style, classes, kind,
                                                    "Added green, removed red, modified amber"));
  }
  writer.write_styles(styles);
  writer.commit();
}

}  // namespace cx::diff
