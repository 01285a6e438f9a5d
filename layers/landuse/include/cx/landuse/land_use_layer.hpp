#pragma once

#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/landuse/land_use_classes.hpp"
#include "cx/schema/feature_keys.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::landuse {

/// One land-use parcel, its class normalised to the 2023 system.
struct LandUseParcel {
  std::string key;          ///< parcel id, or "<layer>:<fid>"
  long long fid = 0;
  std::string code;         ///< 2023-system code (after crosswalk), 2 or 4 digits
  std::string source_code;  ///< the code as the source gave it
  CodeSystem source_system = CodeSystem::Ydyh2023;
  std::string level1;       ///< first-level 2023 code, e.g. "01"
  std::string name;         ///< class name (table name, else the source's name)
  geom::Geometry geometry;  ///< (Multi)Polygon in the working CRS
};

/// Fields: id (text), code (text, required), name (text), code_system (text: ydyh2023 or
/// gbt21010_2017; default ydyh2023).
[[nodiscard]] const schema::LayerSchema& land_use_schema();

/// Turns a loaded layer into parcels. Codes are checked against the system's first level;
/// 三调 codes are mapped through the crosswalk. Throws cx::InputError naming the feature and
/// field for an unknown code or system, or an id used twice (also by a parcel of `earlier`:
/// the chunks of the same layer turned into parcels before this one).
[[nodiscard]] std::vector<LandUseParcel> to_parcels(schema::LoadedLayer&& layer,
                                                    Diagnostics& diagnostics,
                                                    schema::KeysSeen* earlier = nullptr);

}  // namespace cx::landuse
