#include "cx/overlay/conflicts.hpp"

#include <algorithm>

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

bool same_group(const ConflictTotal& t, const Conflict& c) {
  return t.kind == c.kind && t.outside == c.outside && t.level == c.level;
}

// Whether any two of the pieces' boxes meet: only then can the pieces overlap.
bool boxes_meet(const std::vector<const Conflict*>& pieces) {
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Extent box = pieces[i]->overlap.extent();
    for (std::size_t j = i + 1; j < pieces.size(); ++j) {
      if (box.intersects(pieces[j]->overlap.extent())) return true;
    }
  }
  return false;
}

// Appends the totals of work `w`'s conflicts `first`..`last`, one per kind of zone. Zones of one
// kind may overlap (two red-line polygons from different sources): the pieces of the work in
// them are then merged, so that the shared part counts once.
void add_totals(const geom::GeosContext& ctx, std::size_t w, const Work& work,
                std::vector<Conflict>::const_iterator first, std::vector<Conflict>::const_iterator last,
                std::vector<ConflictTotal>& out) {
  const std::size_t begin = out.size();
  std::vector<std::vector<const Conflict*>> groups;
  for (auto c = first; c != last; ++c) {
    auto same = std::find_if(out.begin() + static_cast<std::ptrdiff_t>(begin), out.end(),
                             [&](const ConflictTotal& t) { return same_group(t, *c); });
    if (same == out.end()) {
      out.push_back(ConflictTotal{.work = w, .kind = c->kind, .outside = c->outside, .level = c->level});
      groups.emplace_back();
      same = out.end() - 1;
    }
    groups[static_cast<std::size_t>(same - out.begin()) - begin].push_back(&*c);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    ConflictTotal& total = out[begin + g];
    if (!boxes_meet(groups[g])) {
      for (const Conflict* c : groups[g]) {
        total.area_m2 += c->area_m2;
        total.centre_length_m += c->centre_length_m;
      }
      continue;
    }
    std::vector<geom::Geometry> parts;
    for (const Conflict* c : groups[g]) parts.push_back(c->overlap.clone());
    const geom::Geometry merged = geom::Geometry::union_all(ctx, std::move(parts));
    total.area_m2 = merged.area();
    // The centre line lies in the right-of-way, so its part in the merged pieces is its part
    // in the zones.
    total.centre_length_m = work.centre_line.intersection(merged).length();
  }
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
    const std::size_t first = result.conflicts.size();
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
    add_totals(ctx, w, work, result.conflicts.cbegin() + static_cast<std::ptrdiff_t>(first),
               result.conflicts.cend(), result.totals);
  }
  return result;
}

}  // namespace cx::overlay
