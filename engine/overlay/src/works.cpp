#include "cx/overlay/works.hpp"

#include <algorithm>

#include "parallel.hpp"

namespace cx::overlay {
namespace {

std::string work_key(const roads::Road& line) {
  if (!line.proposal_id.empty()) return line.proposal_id;
  return "road:" + (line.name.empty() ? line.key : line.name);
}

}  // namespace

namespace {

// One work of `indices` (lines of one key, ascending), every geometry made on `ctx`.
Work make_work(const geom::GeosContext& ctx, std::string key, std::vector<std::size_t> indices,
               const std::vector<const roads::Road*>& lines,
               const std::vector<RightOfWay>& rights_of_way) {
  Work w;
  w.key = std::move(key);
  const roads::Road& first = *lines[indices.front()];
  w.proposal_id = first.proposal_id;
  w.name = first.name;
  const auto& only = first.geometry;
  if (indices.size() == 1 && only.type() == geom::GeometryType::LineString) {
    // One simple line (most works in a network split at junctions): nothing to dissolve or merge.
    w.right_of_way = rights_of_way[indices.front()].polygon.clone(ctx);
    w.centre_line = only.clone(ctx);
  } else {
    std::vector<geom::Geometry> polygons;
    std::vector<geom::Geometry> centres;
    for (const auto i : indices) {
      polygons.push_back(rights_of_way[i].polygon.clone(ctx));
      geom::Geometry g = lines[i]->geometry.clone(ctx);
      if (g.type() == geom::GeometryType::LineString) {
        centres.push_back(std::move(g));
        continue;
      }
      for (int p = 0; p < g.num_geometries(); ++p) centres.push_back(g.part(p));
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
  return w;
}

}  // namespace

std::vector<Work> group_works(const std::vector<const roads::Road*>& lines,
                              const std::vector<RightOfWay>& rights_of_way,
                              std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                              unsigned threads) {
  // Lines by key, and by position within a key: a stable sort, not a map of a city's keys.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) keyed.emplace_back(work_key(*lines[i]), i);
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::size_t> starts;
  for (std::size_t k = 0; k < keyed.size(); ++k) {
    if (k == 0 || keyed[k].first != keyed[k - 1].first) starts.push_back(k);
  }
  starts.push_back(keyed.size());
  std::vector<Work> works(starts.size() - 1);
  detail::parallel_for(works.size(), contexts, threads, [&](std::size_t g, const geom::GeosContext& ctx) {
    std::vector<std::size_t> indices;
    for (std::size_t k = starts[g]; k < starts[g + 1]; ++k) indices.push_back(keyed[k].second);
    works[g] = make_work(ctx, keyed[starts[g]].first, std::move(indices), lines, rights_of_way);
  });
  return works;
}

}  // namespace cx::overlay
