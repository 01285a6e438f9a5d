#include "cx/ecology/fragmentation.hpp"

#include <algorithm>

#include "cx/geom/prepared_geometry.hpp"

namespace cx::ecology {
namespace {

// Slivers below 1 m² where a right-of-way runs along the network's edge are rounding, not habitat.
constexpr double min_patch_m2 = 1.0;

geom::Geometry union_of(const geom::GeosContext& ctx, const std::vector<const geom::Geometry*>& parts) {
  std::vector<geom::Geometry> copies;
  for (const auto* part : parts) {
    if (!part->is_empty()) copies.push_back(part->clone(ctx));
  }
  return geom::Geometry::union_all(ctx, std::move(copies)).polygonal_parts();
}

}  // namespace

Fragmentation fragmentation(const geom::GeosContext& ctx,
                            const std::vector<const geom::Geometry*>& corridors,
                            const std::vector<const geom::Geometry*>& links,
                            const std::vector<const geom::Geometry*>& cuts) {
  Fragmentation out;
  std::vector<const geom::Geometry*> network_parts = corridors;
  network_parts.insert(network_parts.end(), links.begin(), links.end());
  const geom::Geometry network = union_of(ctx, network_parts);
  out.reference_area_m2 = network.area();
  if (out.reference_area_m2 <= 0.0) return out;

  // Only the rights-of-way that touch the network cut it.
  const Extent box = network.extent();
  const geom::PreparedGeometry prepared(network);
  std::vector<const geom::Geometry*> touching;
  for (const auto* cut : cuts) {
    if (!cut->is_empty() && cut->extent().intersects(box) && prepared.intersects(*cut)) {
      touching.push_back(cut);
    }
  }
  const geom::Geometry left =
      touching.empty() ? network.clone() : network.difference(union_of(ctx, touching)).polygonal_parts();
  for (int i = 0; i < left.num_geometries(); ++i) {
    geom::Geometry part = left.part(i);  // a polygon is its own part 0
    const double area_m2 = part.area();
    if (area_m2 < min_patch_m2) continue;
    out.patches.push_back(Patch{.shape = std::move(part), .area_m2 = area_m2});
  }
  std::sort(out.patches.begin(), out.patches.end(), [](const Patch& a, const Patch& b) {
    if (a.area_m2 != b.area_m2) return a.area_m2 > b.area_m2;
    const Extent ea = a.shape.extent(), eb = b.shape.extent();
    return ea.min_x != eb.min_x ? ea.min_x < eb.min_x : ea.min_y < eb.min_y;
  });
  double sum_of_squares = 0.0;
  for (const auto& p : out.patches) sum_of_squares += p.area_m2 * p.area_m2;
  out.effective_mesh_m2 = sum_of_squares / out.reference_area_m2;
  return out;
}

}  // namespace cx::ecology
