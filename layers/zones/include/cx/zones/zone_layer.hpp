#pragma once

#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::zones {

/// An analysis zone, represented by a point (its centroid or main entrance).
struct Zone {
  std::string key;  ///< zone id
  long long fid = 0;
  std::string name;
  long long population = 0;
  long long jobs = 0;
  geom::XY location;  ///< in the working CRS
};

/// Fields: id (required), name, population, jobs. Point geometry.
[[nodiscard]] const schema::LayerSchema& zone_schema();
/// Throws cx::InputError for negative population or jobs, or a multi-point with several points.
[[nodiscard]] std::vector<Zone> to_zones(schema::LoadedLayer&& layer);

}  // namespace cx::zones
