#pragma once

#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::rivers {

/// A river centre line or water polygon.
struct River {
  std::string key;  ///< river id, or "<layer>:<fid>"
  long long fid = 0;
  std::string name;
  geom::Geometry geometry;  ///< lines for centre lines, polygons for water areas
};

/// Fields: id, name. Line geometry.
[[nodiscard]] const schema::LayerSchema& river_line_schema();
/// Fields: id, name. Polygon geometry.
[[nodiscard]] const schema::LayerSchema& river_area_schema();
[[nodiscard]] std::vector<River> to_rivers(schema::LoadedLayer&& layer);

}  // namespace cx::rivers
