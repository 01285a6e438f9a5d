#include "cx/overlay/conflicts.hpp"

#include "cx/geom/prepared_geometry.hpp"
#include "cx/index/box_index.hpp"

namespace cx::overlay {
namespace {

using constraints::ConstraintKind;

index::BoxIndex zone_index(const std::vector<constraints::Constraint>& zones) {
  std::vector<Extent> boxes;
  boxes.reserve(zones.size());
  for (const auto& z : zones) boxes.push_back(z.geometry.extent());
  return index::BoxIndex(boxes);
}

bool below_grade(const roads::Road& line) { return line.tunnel || line.z_level < 0; }

// The union of all urban development boundary polygons (null when the layer has none).
geom::Geometry boundary_union(const geom::GeosContext& ctx,
                              const std::vector<constraints::Constraint>& zones) {
  std::vector<geom::Geometry> boundary;
  for (const auto& z : zones) {
    if (z.kind == ConstraintKind::UrbanDevBoundary) boundary.push_back(z.geometry.clone());
  }
  if (boundary.empty()) return {};
  return geom::Geometry::union_all(ctx, std::move(boundary));
}

// The part of a work outside every urban development boundary polygon.
void add_outside_boundary(std::size_t w, const Work& work, const geom::Geometry& inside,
                          std::vector<Conflict>& out) {
  if (inside.is_null()) return;
  geom::Geometry outside = work.right_of_way.difference(inside).polygonal_parts();
  const double area_m2 = outside.area();
  if (area_m2 <= 0.0) return;
  const double length_m = work.centre_line.difference(inside).length();
  out.push_back(Conflict{.work = w, .kind = ConstraintKind::UrbanDevBoundary,
                         .constraint = std::nullopt, .outside = true, .level = std::nullopt,
                         .overlap = std::move(outside), .area_m2 = area_m2,
                         .centre_length_m = length_m});
}

}  // namespace

ConflictResult find_conflicts(const geom::GeosContext& ctx, const std::vector<Work>& works,
                              const std::vector<const roads::Road*>& lines,
                              const std::vector<constraints::Constraint>& zones) {
  ConflictResult result;
  if (zones.empty()) return result;
  const index::BoxIndex index = zone_index(zones);
  const geom::Geometry boundary = boundary_union(ctx, zones);
  for (std::size_t w = 0; w < works.size(); ++w) {
    const Work& work = works[w];
    const geom::PreparedGeometry prepared(work.right_of_way);
    for (const std::size_t c : index.query(work.right_of_way.extent())) {
      const auto& zone = zones[c];
      if (!prepared.intersects(zone.geometry)) continue;
      geom::Geometry overlap = work.right_of_way.intersection(zone.geometry).polygonal_parts();
      const double area_m2 = overlap.area();
      if (area_m2 <= 0.0) continue;
      const double length_m = work.centre_line.intersection(zone.geometry).length();
      result.conflicts.push_back(Conflict{.work = w, .kind = zone.kind, .constraint = c,
                                          .outside = false, .level = zone.level,
                                          .overlap = std::move(overlap), .area_m2 = area_m2,
                                          .centre_length_m = length_m});
      if (zone.kind != ConstraintKind::FloodRisk) continue;
      for (const std::size_t l : work.lines) {
        if (!below_grade(*lines[l])) continue;
        const double inside_m = lines[l]->geometry.intersection(zone.geometry).length();
        if (inside_m > 0.0) result.below_grade.push_back({w, l, c, inside_m});
      }
    }
    add_outside_boundary(w, work, boundary, result.conflicts);
  }
  return result;
}

}  // namespace cx::overlay
