#include "cx/rivers/river_layers.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "cx/schema/feature_keys.hpp"

namespace cx::rivers {

const schema::LayerSchema& river_line_schema() {
  static const schema::LayerSchema s{
      .name = "river_lines",
      .geometry = schema::GeometryFamily::Line,
      .fields = {{"id", schema::FieldType::Text, false, "river id"},
                 {"name", schema::FieldType::Text, false, "river name"}}};
  return s;
}

const schema::LayerSchema& river_area_schema() {
  static const schema::LayerSchema s{
      .name = "river_areas",
      .geometry = schema::GeometryFamily::Polygon,
      .fields = {{"id", schema::FieldType::Text, false, "river id"},
                 {"name", schema::FieldType::Text, false, "river name"}}};
  return s;
}

std::vector<River> to_rivers(schema::LoadedLayer&& layer) {
  // Keys that outlive the features' order and FIDs: the river's id (else its name, else the
  // layer's name), and where a river comes in parts (ids repeat then), "#<n>" for the n-th
  // part from the south-west, by the corner of its extent.
  std::vector<River> out;
  out.reserve(layer.features.size());
  std::map<std::string, std::vector<std::size_t>> parts;
  for (auto& f : layer.features) {
    std::string base = layer.text(f, "id");
    if (base.empty()) base = layer.text(f, "name");
    if (base.empty()) base = layer.layer_name;
    parts[base].push_back(out.size());
    out.push_back(River{.key = std::move(base), .fid = f.fid, .name = layer.text(f, "name"),
                        .geometry = std::move(f.geometry)});
  }
  for (auto& [base, members] : parts) {
    if (members.size() < 2) continue;
    const auto corner = [&](std::size_t i) {
      const Extent e = out[i].geometry.extent();
      return std::tuple(e.min_y, e.min_x, e.max_y, e.max_x, out[i].fid);
    };
    std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) { return corner(a) < corner(b); });
    for (std::size_t n = 0; n < members.size(); ++n) out[members[n]].key = fmt::format("{}#{}", base, n + 1);
  }
  return out;
}

}  // namespace cx::rivers
