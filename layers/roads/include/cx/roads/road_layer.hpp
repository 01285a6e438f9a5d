#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/roads/road_classes.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::roads {

enum class RoadStatus { Existing, Planned };
/// Direction of travel allowed relative to the line's digitised direction.
enum class Oneway { Both, Forward, Backward };
/// What a proposal builds.
enum class WorkKind { Road, Water };

/// The dataset and layer roads were read from, shared by all of them (for findings).
struct RoadSource {
  std::string path;
  std::string layer;
};

/// One road (or proposal) line with everything the analyses need, units in the names.
struct Road {
  std::string key;  ///< road id, or "<layer>:<fid>"
  long long fid = 0;
  std::shared_ptr<const RoadSource> source;  ///< null for roads not read from a layer
  std::string name;
  RoadClass road_class = RoadClass::Branch;
  double width_m = 0.0;    ///< red-line width (feature value, else class default)
  double speed_kmh = 0.0;  ///< design speed (feature value, else class default)
  int lanes = 0;
  Oneway oneway = Oneway::Both;
  bool bridge = false;
  bool tunnel = false;
  int z_level = 0;  ///< 0 on the ground; bridges default to 1, tunnels to -1
  RoadStatus status = RoadStatus::Existing;
  std::string proposal_id;  ///< empty for roads of the baseline network
  WorkKind kind = WorkKind::Road;
  geom::Geometry geometry;  ///< LineString or MultiLineString in the working CRS
};

/// Fields of a road layer: id, name, class (required), width_m, speed_kmh, lanes, oneway
/// (0/1/-1, yes/no; OpenStreetMap's reversible and alternating: both ways), junction (an
/// OpenStreetMap roundabout without oneway is one-way), bridge, tunnel, z_level, status
/// (existing/planned).
[[nodiscard]] const schema::LayerSchema& road_schema();
/// The road fields plus proposal_id (required) and kind (road or water).
[[nodiscard]] const schema::LayerSchema& proposal_schema();

/// Turns a loaded road or proposal layer into roads, filling class defaults from `classes` and checking
/// values (unknown class, non-positive or absurd width or speed, bad oneway or status):
/// throws cx::InputError naming file, layer, feature and field. Lines whose class is an
/// OpenStreetMap highway value not for motor traffic (footway, steps, ...) are left out and
/// counted in one warning (`roads.not_for_motor_traffic`) in `diagnostics`.
/// A finding about `road` under the dataset and layer it was read from (roads and proposals
/// are two layers, whose FIDs mean nothing together); record it with the road's fid.
[[nodiscard]] Diagnostic finding_about(const Road& road, const char* code, Severity severity,
                                       std::string message, const char* action);

[[nodiscard]] std::vector<Road> to_roads(schema::LoadedLayer&& layer, Diagnostics& diagnostics,
                                         const RoadClassTable& classes = RoadClassTable());

[[nodiscard]] std::string_view to_string(RoadStatus status);

}  // namespace cx::roads
