#pragma once

#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::corridors {

/// An ecological corridor or green wedge polygon.
struct Corridor {
  std::string key;
  long long fid = 0;
  std::string name;
  std::string kind;  ///< corridor or green_wedge
  geom::Geometry geometry;
};

/// Fields: id, name, kind (corridor or green_wedge; default corridor). Polygon geometry.
[[nodiscard]] const schema::LayerSchema& corridor_schema();
/// Throws cx::InputError for an unknown kind.
[[nodiscard]] std::vector<Corridor> to_corridors(schema::LoadedLayer&& layer);

}  // namespace cx::corridors
