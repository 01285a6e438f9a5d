#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cx/corridors/corridor_layer.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/overlay/works.hpp"
#include "cx/rivers/river_layers.hpp"

namespace cx::overlay {

/// A place where a work's centre line crosses water: a river centre line, a water polygon, or
/// both (then one crossing, at the centre-line crossing point).
struct RiverCrossing {
  std::size_t work = 0;
  std::size_t line = 0;  ///< position in the line list
  std::string river;     ///< river name
  geom::XY point;
  double length_over_water_m = 0.0;  ///< centre line inside the water polygon (0 if none there)
  std::optional<double> angle_deg;   ///< acute angle between road and river centre line, 0–90°
  bool bridge = false;               ///< the line is marked as a bridge
};

/// Where a work's centre line passes through an ecological corridor (one connected piece).
struct CorridorCrossing {
  std::size_t work = 0;
  std::size_t corridor = 0;  ///< position in the corridor list
  geom::XY point;            ///< halfway along the piece inside
  double length_inside_m = 0.0;
  double corridor_width_m = 0.0;  ///< narrowest chord of the corridor through the point
};

/// A work's right-of-way and centre line inside one corridor polygon.
struct CorridorOverlap {
  std::size_t work = 0;
  std::size_t corridor = 0;
  double area_m2 = 0.0;
  double length_m = 0.0;
};

struct CrossingResult {
  std::vector<RiverCrossing> rivers;        ///< by work, line, then along the river list
  std::vector<CorridorCrossing> corridors;  ///< by work, corridor
  std::vector<CorridorOverlap> corridor_overlaps;
  /// Proposal bridge lines that cross neither water nor another road line (a finding).
  std::vector<std::size_t> bridges_over_nothing;  ///< positions in the line list
};

/// Every crossing of the works' centre lines with rivers (centre lines and water polygons) and
/// with ecological corridors. `other_roads` are the existing lines a bridge may pass over.
/// The corridors' widths at the crossings are measured on up to `threads` threads (0: all
/// cores); the result does not depend on the count.
[[nodiscard]] CrossingResult find_crossings(const std::vector<Work>& works,
                                            const std::vector<const roads::Road*>& lines,
                                            const std::vector<rivers::River>& river_lines,
                                            const std::vector<rivers::River>& river_areas,
                                            const std::vector<corridors::Corridor>& corridors,
                                            const std::vector<const roads::Road*>& other_roads,
                                            unsigned threads = 0);

/// The length of the shortest chord of `polygon` through `point` (tried every `step_deg`
/// degrees): the local width of a corridor. 0 when the point is outside the polygon.
[[nodiscard]] double narrowest_chord_m(const geom::Geometry& polygon, geom::XY point,
                                       double step_deg = 1.0);

/// narrowest_chord_m for many points of one polygon: the polygon's segments are read once.
class ChordGauge {
public:
  explicit ChordGauge(const geom::Geometry& polygon);
  [[nodiscard]] double narrowest_m(geom::XY point, double step_deg = 1.0) const;

private:
  struct Segment {
    geom::XY a, b;
  };
  struct Hit {
    double t;
    bool clean;
  };
  struct Reach {
    double length_m;
    bool beyond;  ///< may end farther than the window the hits were found in
  };
  /// The segments that may decide covers(q) or on_boundary(q) for a point at height y: those
  /// whose height range, widened by a margin, holds y (a superset, in ring order).
  [[nodiscard]] std::span<const Segment> band_of(double y) const;
  [[nodiscard]] bool covers(geom::XY q) const;
  [[nodiscard]] bool on_boundary(geom::XY q) const;
  [[nodiscard]] static std::vector<Hit> boundary_hits(std::span<const Segment> segments, geom::XY p, geom::XY d);
  [[nodiscard]] Reach reach(geom::XY p, geom::XY d, const std::vector<Hit>& hits, double sign,
                            bool p_on_boundary, double window) const;

  std::vector<Segment> m_segments;  ///< every ring's segments, rings in order
  double m_diagonal_m = 0.0;        ///< of the polygon's extent
  // Horizontal bands of equal height over the polygon: band k lists, in ring order, the
  // segments whose widened height range meets it (m_band_first[k] .. m_band_first[k + 1]).
  double m_band_y0 = 0.0;
  double m_band_height = 1.0;
  std::vector<std::uint32_t> m_band_first;
  std::vector<Segment> m_band_segments;
};

}  // namespace cx::overlay
