#pragma once

#include <string_view>
#include <vector>

#include "cx/core/diagnostics.hpp"
#include "cx/network/road_graph.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::network {

/// Where lines meet.
enum class Noding {
  /// Only at their ends: lines are already split at junctions (survey and CAD data).
  Endpoints,
  /// Also wherever a vertex of one line is a vertex of another on the same z-level, as
  /// OpenStreetMap ways share their junction nodes. A bridge or tunnel is on a level of its own,
  /// so it meets ground roads only at its ends; ramps on the same viaduct meet it where they join.
  SharedVertices,
  /// Also wherever lines on the same z-level cross or touch in plan (digitised data whose
  /// lines are not split at junctions), and where a line end arrives within the snap tolerance
  /// of another line. Bridges and tunnels, on levels of their own, still meet others only at
  /// their ends.
  Crossings,
};

struct GraphOptions {
  /// Line ends closer than this meet at one node (gaps in digitising are closed).
  double snap_tolerance_m = 1.0;
  Noding noding = Noding::Endpoints;
  /// A dead end closer than this to another road it does not meet is reported (an undershoot?).
  double dangle_check_m = 5.0;
};

/// "endpoints", "shared-vertices" or "crossings"; throws cx::ConfigError for anything else.
[[nodiscard]] Noding parse_noding(std::string_view text);

/// Builds the road graph. In `endpoints` noding every line (or part of a multi-line) is one
/// edge between its two ends; the other modes first split lines where they meet (see Noding).
/// Part ends within the snap tolerance meet. In `endpoints` and `shared-vertices` noding lines
/// never meet where they merely cross, and in no mode does a bridge meet what it passes over. Grade separation at a shared end point:
/// ends at the same z-level always meet; ends at different levels meet only where one level has
/// a single end arriving (a bridge or tunnel touching down on its approach): that lone end joins
/// the ground level (or the nearest level) when it is not itself on the ground. Several ends on
/// each of two levels at one spot (a bridge split above a junction) stay separate.
/// Travel time = length / speed. Zero-length lines are skipped and reported; snapped gaps,
/// unjoined grade-separated ends, duplicate links (same junctions, same length) and dead ends
/// within dangle_check_m of another road are reported too. `roads` are borrowed; Edge::road_index is the
/// position in this list.
[[nodiscard]] RoadGraph build_graph(const std::vector<const roads::Road*>& roads,
                                    const GraphOptions& options, Diagnostics& diagnostics);

/// The vertices of the line an edge runs along, from its from-junction's end to its to-junction's.
[[nodiscard]] std::vector<geom::XY> edge_points(const RoadGraph& graph,
                                                const std::vector<const roads::Road*>& roads, EdgeId id);

/// The line an edge runs along, in `roads`' (the list the graph was built from) context.
[[nodiscard]] geom::Geometry edge_geometry(const RoadGraph& graph,
                                           const std::vector<const roads::Road*>& roads, EdgeId id);

}  // namespace cx::network
