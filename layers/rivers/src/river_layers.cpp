#include "cx/rivers/river_layers.hpp"

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
  // River ids repeat across parts of one river, so keys are the layer's feature ids.
  std::vector<River> out;
  out.reserve(layer.features.size());
  for (auto& f : layer.features) {
    out.push_back(River{.key = layer.layer_name + ":" + std::to_string(f.fid),
                        .fid = f.fid,
                        .name = layer.text(f, "name"),
                        .geometry = std::move(f.geometry)});
  }
  return out;
}

}  // namespace cx::rivers
