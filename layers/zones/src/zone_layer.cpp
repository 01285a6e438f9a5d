#include "cx/zones/zone_layer.hpp"

#include "cx/core/error.hpp"
#include "cx/schema/feature_keys.hpp"

namespace cx::zones {

const schema::LayerSchema& zone_schema() {
  static const schema::LayerSchema s{
      .name = "zones",
      .geometry = schema::GeometryFamily::Point,
      .fields = {{"id", schema::FieldType::Text, true, "zone id, unique"},
                 {"name", schema::FieldType::Text, false, "zone name"},
                 {"population", schema::FieldType::Integer, false, "residents"},
                 {"jobs", schema::FieldType::Integer, false, "jobs"}}};
  return s;
}

std::vector<Zone> to_zones(schema::LoadedLayer&& layer) {
  const auto keys = schema::feature_keys(layer, "id");
  std::vector<Zone> out;
  out.reserve(layer.features.size());
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    auto& f = layer.features[i];
    Zone z{.key = keys[i], .fid = f.fid, .name = layer.text(f, "name"),
           .population = layer.integer(f, "population", 0), .jobs = layer.integer(f, "jobs", 0),
           .location = {}};
    for (const char* field : {"population", "jobs"}) {
      if (layer.integer(f, field, 0) < 0) {
        throw InputError(std::string(field) + " cannot be negative", layer.where(f, field));
      }
    }
    if (f.geometry.num_geometries() != 1) {
      throw InputError("a zone must be a single point", layer.where(f));
    }
    const geom::Geometry point = f.geometry.part(0);
    const Extent e = point.extent();
    z.location = {e.min_x, e.min_y};
    out.push_back(std::move(z));
  }
  return out;
}

}  // namespace cx::zones
