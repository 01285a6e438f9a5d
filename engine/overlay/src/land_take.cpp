#include "cx/overlay/land_take.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

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

namespace {

geom::Geometry rectangle(const geom::GeosContext& ctx, double x0, double y0, double x1, double y1) {
  const geom::XY ring[] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
  return geom::Geometry::polygon(ctx, ring);
}

// The union of `polygons`, one piece per tile of a grid anchored at the origin.
std::vector<geom::Geometry> tiled_union(const geom::GeosContext& ctx,
                                        const std::vector<const geom::Geometry*>& polygons,
                                        double tile_m) {
  std::map<std::pair<long long, long long>, std::vector<geom::Geometry>> by_tile;
  const auto tile_of = [tile_m](double v) { return static_cast<long long>(std::floor(v / tile_m)); };
  for (const auto* polygon : polygons) {
    if (polygon->is_empty()) continue;
    const Extent e = polygon->extent();
    const long long tx0 = tile_of(e.min_x), tx1 = tile_of(e.max_x);
    const long long ty0 = tile_of(e.min_y), ty1 = tile_of(e.max_y);
    for (long long ty = ty0; ty <= ty1; ++ty) {
      for (long long tx = tx0; tx <= tx1; ++tx) {
        if (tx0 == tx1 && ty0 == ty1) {  // wholly inside one tile: no clipping
          by_tile[{ty, tx}].push_back(polygon->clone());
          continue;
        }
        const double x = static_cast<double>(tx) * tile_m, y = static_cast<double>(ty) * tile_m;
        geom::Geometry piece =
            polygon->intersection(rectangle(ctx, x, y, x + tile_m, y + tile_m)).polygonal_parts();
        if (!piece.is_empty()) by_tile[{ty, tx}].push_back(std::move(piece));
      }
    }
  }
  std::vector<geom::Geometry> tiles;
  tiles.reserve(by_tile.size());
  for (auto& [tile, pieces] : by_tile) {
    tiles.push_back(geom::Geometry::union_all(ctx, std::move(pieces)).polygonal_parts());
  }
  return tiles;
}

}  // namespace

DissolvedTake dissolved_take(const geom::GeosContext& ctx,
                             const std::vector<const geom::Geometry*>& polygons,
                             const ParcelIndex& parcels, double tile_m) {
  DissolvedTake out;
  out.tiles = tiled_union(ctx, polygons, tile_m);
  // Cut tile by tile; the pieces of all tiles are summed in tile order (deterministic).
  std::vector<TakePiece> pieces;
  double total_m2 = 0.0;
  for (const auto& tile : out.tiles) {
    total_m2 += tile.area();
    for (auto& piece : cut_by_parcels(tile, parcels)) pieces.push_back(std::move(piece));
  }
  out.breakdown = summarise_take(pieces, parcels, total_m2);
  return out;
}

}  // namespace cx::overlay
