#pragma once

#include <vector>

#include "cx/geom/geometry.hpp"

namespace cx::ecology {

/// One piece of the blue-green network left whole between rights-of-way.
struct Patch {
  geom::Geometry shape;  ///< polygon, in the working CRS
  double area_m2 = 0.0;
};

/// How far roads cut up the blue-green network.
struct Fragmentation {
  /// Largest first; equal areas by the lower-left corner of their extent, so keys are stable.
  std::vector<Patch> patches;
  double reference_area_m2 = 0.0;  ///< the blue-green network before cutting (A_total)
  /// Effective mesh size (Jaeger 2000): m_eff = Σ Aᵢ² / A_total, the area of land an animal
  /// placed at random can reach without crossing a road (the larger, the less fragmented).
  double effective_mesh_m2 = 0.0;
};

/// The blue-green network — `corridors` joined by `links` (water links such as 山阳河连通, which
/// can join patches) — cut by `cuts` (road rights-of-way; all borrowed). Every right-of-way cuts,
/// bridges included. The reference area is the network's own area, links included.
[[nodiscard]] Fragmentation fragmentation(const geom::GeosContext& ctx,
                                          const std::vector<const geom::Geometry*>& corridors,
                                          const std::vector<const geom::Geometry*>& links,
                                          const std::vector<const geom::Geometry*>& cuts);

}  // namespace cx::ecology
