#include "cx/overlay/land_take.hpp"

#include <algorithm>

#include "cx/geom/prepared_geometry.hpp"

namespace cx::overlay {
namespace {

std::vector<Extent> parcel_boxes(const std::vector<landuse::LandUseParcel>& parcels) {
  std::vector<Extent> boxes;
  boxes.reserve(parcels.size());
  for (const auto& p : parcels) boxes.push_back(p.geometry.extent());
  return boxes;
}

std::vector<ClassArea> to_sorted(const std::map<std::string, double>& areas) {
  std::vector<ClassArea> out;
  out.reserve(areas.size());
  for (const auto& [code, area] : areas) out.push_back({code, area});
  return out;
}

}  // namespace

ParcelIndex::ParcelIndex(const std::vector<landuse::LandUseParcel>& parcels)
    : m_parcels(parcels), m_index(parcel_boxes(parcels)) {}

std::vector<TakePiece> cut_by_parcels(const geom::Geometry& polygon, const ParcelIndex& parcels) {
  std::vector<TakePiece> pieces;
  if (polygon.is_empty()) return pieces;
  const geom::PreparedGeometry prepared(polygon);
  for (const std::size_t i : parcels.candidates(polygon.extent())) {
    const auto& parcel = parcels.parcels()[i];
    if (!prepared.intersects(parcel.geometry)) continue;
    // A parcel wholly inside needs no clipping: its own area is the exact answer.
    geom::Geometry piece = prepared.covers(parcel.geometry)
                               ? parcel.geometry.clone()
                               : polygon.intersection(parcel.geometry).polygonal_parts();
    const double area_m2 = piece.area();
    if (area_m2 <= 0.0) continue;  // touching along an edge only
    pieces.push_back(TakePiece{.parcel_index = i, .geometry = std::move(piece), .area_m2 = area_m2});
  }
  return pieces;
}

TakeBreakdown summarise_take(const std::vector<TakePiece>& pieces, const ParcelIndex& parcels,
                             double total_m2) {
  TakeBreakdown out;
  out.total_m2 = total_m2;
  std::map<std::string, double> by_level1;
  std::map<std::string, double> by_code;
  double classified_m2 = 0.0;
  for (const auto& piece : pieces) {
    const auto& parcel = parcels.parcels()[piece.parcel_index];
    by_level1[parcel.level1] += piece.area_m2;
    by_code[parcel.code] += piece.area_m2;
    classified_m2 += piece.area_m2;
    if (landuse::is_road_land(parcel.code)) out.already_road_m2 += piece.area_m2;
  }
  out.by_level1 = to_sorted(by_level1);
  out.by_code = to_sorted(by_code);
  // Overlapping parcels would make the classed sum exceed the total; never report a negative.
  out.unclassified_m2 = std::max(0.0, total_m2 - classified_m2);
  return out;
}

DissolvedTake dissolved_take(const geom::GeosContext& ctx,
                             const std::vector<const geom::Geometry*>& polygons,
                             const ParcelIndex& parcels) {
  std::vector<geom::Geometry> copies;
  copies.reserve(polygons.size());
  for (const auto* p : polygons) copies.push_back(p->clone());
  DissolvedTake out;
  out.footprint = geom::Geometry::union_all(ctx, std::move(copies));
  out.pieces = cut_by_parcels(out.footprint, parcels);
  out.breakdown = summarise_take(out.pieces, parcels, out.footprint.area());
  return out;
}

}  // namespace cx::overlay
