#include "cx/corridors/corridor_layer.hpp"

#include "cx/core/error.hpp"
#include "cx/schema/feature_keys.hpp"

namespace cx::corridors {

const schema::LayerSchema& corridor_schema() {
  static const schema::LayerSchema s{
      .name = "eco_corridor",
      .geometry = schema::GeometryFamily::Polygon,
      .fields = {{"id", schema::FieldType::Text, false, "corridor id, unique"},
                 {"name", schema::FieldType::Text, false, "corridor name"},
                 {"kind", schema::FieldType::Text, false, "corridor or green_wedge"}}};
  return s;
}

std::vector<Corridor> to_corridors(schema::LoadedLayer&& layer) {
  const auto keys = schema::feature_keys(layer, "id");
  std::vector<Corridor> out;
  out.reserve(layer.features.size());
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    auto& f = layer.features[i];
    std::string kind = layer.text(f, "kind", "corridor");
    if (kind != "corridor" && kind != "green_wedge") {
      throw InputError("corridor kind '" + kind + "' is not 'corridor' or 'green_wedge'",
                       layer.where(f, "kind"));
    }
    out.push_back(Corridor{.key = keys[i], .fid = f.fid, .name = layer.text(f, "name"),
                           .kind = std::move(kind), .geometry = std::move(f.geometry)});
  }
  return out;
}

}  // namespace cx::corridors
