#include "cx/overlay/works.hpp"

#include <map>

namespace cx::overlay {
namespace {

std::string work_key(const roads::Road& line) {
  if (!line.proposal_id.empty()) return line.proposal_id;
  return "road:" + (line.name.empty() ? line.key : line.name);
}

}  // namespace

std::vector<Work> group_works(const geom::GeosContext& ctx,
                              const std::vector<const roads::Road*>& lines,
                              const std::vector<RightOfWay>& rights_of_way) {
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < lines.size(); ++i) members[work_key(*lines[i])].push_back(i);
  std::vector<Work> works;
  works.reserve(members.size());
  for (auto& [key, indices] : members) {
    Work w;
    w.key = key;
    const roads::Road& first = *lines[indices.front()];
    w.proposal_id = first.proposal_id;
    w.name = first.name;
    const auto& only = lines[indices.front()]->geometry;
    if (indices.size() == 1 && only.type() == geom::GeometryType::LineString) {
      // One simple line (most works in a network split at junctions): nothing to dissolve or merge.
      w.right_of_way = rights_of_way[indices.front()].polygon.clone();
      w.centre_line = only.clone();
    } else {
      std::vector<geom::Geometry> polygons;
      std::vector<geom::Geometry> centres;
      for (const auto i : indices) {
        polygons.push_back(rights_of_way[i].polygon.clone());
        const auto& g = lines[i]->geometry;
        for (int p = 0; p < g.num_geometries(); ++p) {
          centres.push_back(g.type() == geom::GeometryType::LineString ? g.clone() : g.part(p));
        }
      }
      w.right_of_way = geom::Geometry::union_all(ctx, std::move(polygons));
      // Merged, so a road split at junctions crosses a corridor as one piece, not one per line.
      w.centre_line = geom::Geometry::collect(ctx, std::move(centres),
                                              geom::GeometryType::MultiLineString)
                          .line_merge();
    }
    w.lines = std::move(indices);
    w.area_m2 = w.right_of_way.area();
    w.centre_length_m = w.centre_line.length();
    works.push_back(std::move(w));
  }
  return works;
}

}  // namespace cx::overlay
