#include "cx/diff/diff.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cx/geom/geometry.hpp"
#include "cx/io/vector_reader.hpp"

namespace cx::diff {
namespace {

using Index = std::map<std::string, std::size_t>;  // key → feature position

std::string key_text(const io::FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return display(v);
}

std::optional<std::size_t> field_index(const io::RawLayer& layer, const std::string& name) {
  for (std::size_t i = 0; i < layer.fields.size(); ++i) {
    if (layer.fields[i].name == name) return i;
  }
  return std::nullopt;
}

// Key → feature, when every feature has a distinct, non-null value of the field.
std::optional<Index> index_by(const io::RawLayer& layer, const std::string& field) {
  const auto at = field_index(layer, field);
  if (!at) return std::nullopt;
  Index out;
  for (std::size_t f = 0; f < layer.features.size(); ++f) {
    const auto& v = layer.features[f].values[*at];
    if (io::is_null(v) || !out.emplace(key_text(v), f).second) return std::nullopt;
  }
  return out;
}

bool looks_like_key(const std::string& name) {
  const auto ends = [&](const char* suffix) {
    const std::string s(suffix);
    return name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return name == "key" || ends("_key") || name == "id" || ends("_id");
}

// The key both sides can be matched on (see diff_datasets); empty field = FID.
std::tuple<std::string, Index, Index> choose_key(const io::RawLayer& a, const io::RawLayer& b,
                                                 const DiffOptions& options, LayerDiff& out) {
  std::vector<std::string> candidates;
  if (!options.key.empty()) candidates.push_back(options.key);
  // Names ending in _key first: they are made to be keys; then ids.
  for (const bool strong : {true, false}) {
    for (const auto& f : a.fields) {
      const bool is_key = f.name == "key" || (f.name.size() > 4 && f.name.ends_with("_key"));
      if (looks_like_key(f.name) && is_key == strong) candidates.push_back(f.name);
    }
  }
  // Tables that start with their key under another name (measure, network, part, ...).
  if (!a.fields.empty()) candidates.push_back(a.fields.front().name);
  for (const auto& field : candidates) {
    auto ia = index_by(a, field);
    auto ib = index_by(b, field);
    if (ia && ib) return {field, std::move(*ia), std::move(*ib)};
  }
  if (!options.key.empty()) {
    out.warnings.push_back("'" + options.key + "' is not a unique key on both sides");
  }
  out.warnings.push_back("no key field: features matched by FID, which need not survive a re-run");
  Index ia, ib;
  for (std::size_t f = 0; f < a.features.size(); ++f) ia.emplace(fmt::format("{}", a.features[f].fid), f);
  for (std::size_t f = 0; f < b.features.size(); ++f) ib.emplace(fmt::format("{}", b.features[f].fid), f);
  return {std::string(), std::move(ia), std::move(ib)};
}

bool same_value(const io::FieldValue& x, const io::FieldValue& y, double tolerance, std::optional<double>& delta) {
  const auto number = [](const io::FieldValue& v) -> std::optional<double> {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return std::nullopt;
  };
  const auto nx = number(x), ny = number(y);
  if (nx && ny) {
    delta = *ny - *nx;
    if (std::holds_alternative<double>(x) || std::holds_alternative<double>(y)) {
      return std::abs(*delta) <= tolerance || (std::isnan(*nx) && std::isnan(*ny));
    }
    return *nx == *ny;
  }
  return x == y;
}

std::optional<GeometryChange> compare_geometry(const geom::GeosContext& ctx, const std::vector<std::uint8_t>& a,
                                               const std::vector<std::uint8_t>& b, double tolerance) {
  if (a == b) return std::nullopt;
  if (a.empty() || b.empty()) return GeometryChange{};
  const auto ga = geom::Geometry::from_wkb(ctx, a);
  const auto gb = geom::Geometry::from_wkb(ctx, b);
  const double hausdorff = ga.hausdorff_distance(gb);
  if (hausdorff <= tolerance) return std::nullopt;
  return GeometryChange{gb.area() - ga.area(), gb.length() - ga.length(), hausdorff};
}

LayerDiff diff_layer(const geom::GeosContext& ctx, const io::RawLayer& a, const io::RawLayer& b,
                     const DiffOptions& options) {
  LayerDiff out;
  out.name = a.layer;
  out.features_a = a.features.size();
  out.features_b = b.features.size();
  out.crs_wkt = b.crs_wkt.value_or(a.crs_wkt.value_or(""));
  out.spatial = std::any_of(a.features.begin(), a.features.end(), [](const auto& f) { return !f.wkb.empty(); }) ||
                std::any_of(b.features.begin(), b.features.end(), [](const auto& f) { return !f.wkb.empty(); });
  // Fields compared: those both sides have, by name.
  std::vector<std::pair<std::size_t, std::size_t>> common;
  for (std::size_t i = 0; i < a.fields.size(); ++i) {
    if (const auto j = field_index(b, a.fields[i].name)) {
      common.emplace_back(i, *j);
    } else {
      out.fields_only_in_a.push_back(a.fields[i].name);
    }
  }
  for (const auto& f : b.fields) {
    if (!field_index(a, f.name)) out.fields_only_in_b.push_back(f.name);
  }
  auto [key, ia, ib] = choose_key(a, b, options, out);
  out.key_field = key;
  for (const auto& [k, fa] : ia) {
    const auto found = ib.find(k);
    if (found == ib.end()) {
      out.changes.push_back({k, Change::Removed, {}, std::nullopt, a.features[fa].wkb});
      continue;
    }
    const auto& x = a.features[fa];
    const auto& y = b.features[found->second];
    FeatureChange c{k, Change::Modified, {}, std::nullopt, y.wkb};
    for (const auto& [i, j] : common) {
      std::optional<double> delta;
      if (!same_value(x.values[i], y.values[j], options.tolerance, delta)) {
        c.values.push_back({a.fields[i].name, x.values[i], y.values[j], delta});
      }
    }
    c.geometry = compare_geometry(ctx, x.wkb, y.wkb, options.tolerance);
    if (c.values.empty() && !c.geometry) {
      ++out.unchanged;
    } else {
      out.changes.push_back(std::move(c));
    }
  }
  for (const auto& [k, fb] : ib) {
    if (!ia.count(k)) out.changes.push_back({k, Change::Added, {}, std::nullopt, b.features[fb].wkb});
  }
  std::sort(out.changes.begin(), out.changes.end(), [](const auto& p, const auto& q) { return p.key < q.key; });
  return out;
}

}  // namespace

std::size_t LayerDiff::count(Change c) const {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [c](const auto& x) { return x.change == c; }));
}

std::size_t LayerDiff::attribute_changes() const {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [](const auto& x) {
    return x.change == Change::Modified && !x.values.empty();
  }));
}

std::size_t LayerDiff::geometry_changes() const {
  return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), [](const auto& x) {
    return x.change == Change::Modified && x.geometry.has_value();
  }));
}

bool DatasetDiff::equal() const {
  return std::all_of(layers.begin(), layers.end(), [](const LayerDiff& l) { return l.equal(); });
}

const char* to_string(Change c) {
  switch (c) {
    case Change::Added: return "added";
    case Change::Removed: return "removed";
    case Change::Modified: return "modified";
  }
  return "modified";
}

std::string display(const io::FieldValue& value) {
  if (io::is_null(value)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&value)) return fmt::format("{:.15g}", *d);
  return std::get<std::string>(value);
}

DatasetDiff diff_datasets(const std::string& path_a, const std::string& path_b, const DiffOptions& options) {
  DatasetDiff out{path_a, path_b, {}};
  const auto names_a = io::list_layers(path_a);
  const auto names_b = io::list_layers(path_b);
  std::set<std::string> names(names_a.begin(), names_a.end());
  names.insert(names_b.begin(), names_b.end());
  const geom::GeosContext ctx;
  for (const auto& name : names) {
    const bool in_a = std::find(names_a.begin(), names_a.end(), name) != names_a.end();
    const bool in_b = std::find(names_b.begin(), names_b.end(), name) != names_b.end();
    if (in_a && in_b) {
      out.layers.push_back(diff_layer(ctx, io::read_layer(path_a, name), io::read_layer(path_b, name), options));
      continue;
    }
    LayerDiff only;
    only.name = name;
    only.in_a = in_a;
    only.in_b = in_b;
    const auto layer = io::read_layer(in_a ? path_a : path_b, name);
    (in_a ? only.features_a : only.features_b) = layer.features.size();
    only.crs_wkt = layer.crs_wkt.value_or("");
    out.layers.push_back(std::move(only));
  }
  return out;
}

}  // namespace cx::diff
