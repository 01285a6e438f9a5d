#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/overlay/right_of_way.hpp"
#include "cx/roads/road_layer.hpp"

namespace cx::overlay {

/// One road (or water work) as planners name it: all its lines, with their rights-of-way
/// dissolved into one polygon. A proposal is one work (all lines with its proposal id); an
/// existing road is one work per road name (unnamed lines stand alone).
struct Work {
  std::string key;          ///< proposal id, or "road:<name>" / "road:<line key>"
  std::string proposal_id;  ///< empty for existing roads
  std::string name;
  std::vector<std::size_t> lines;  ///< positions in the line list, ascending
  geom::Geometry right_of_way;     ///< union of the lines' rights-of-way
  geom::Geometry centre_line;      ///< all centre lines as one MultiLineString
  double area_m2 = 0.0;
  double centre_length_m = 0.0;
  [[nodiscard]] bool is_proposal() const { return !proposal_id.empty(); }
};

/// Groups lines into works, sorted by key. `rights_of_way[i]` belongs to `lines[i]`. Works are
/// made on `threads` threads (0 = all cores), each with a GEOS context of its own added to
/// `contexts`, which must outlive the works.
[[nodiscard]] std::vector<Work> group_works(const std::vector<const roads::Road*>& lines,
                                            const std::vector<RightOfWay>& rights_of_way,
                                            std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                                            unsigned threads = 0);

}  // namespace cx::overlay
