#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/index/box_index.hpp"
#include "cx/landuse/land_use_layer.hpp"
#include "cx/overlay/right_of_way.hpp"

namespace cx::overlay {

/// Land-use parcels with a spatial index over their boxes, built once and shared by overlays.
/// Borrows the parcels, which must outlive it.
class ParcelIndex {
public:
  /// Reads the parcels' shapes on up to `threads` threads (0 = all cores).
  explicit ParcelIndex(const std::vector<landuse::LandUseParcel>& parcels, unsigned threads = 0);
  [[nodiscard]] const std::vector<landuse::LandUseParcel>& parcels() const { return m_parcels; }
  /// Parcels whose box touches `box`, ascending by position.
  [[nodiscard]] std::vector<std::size_t> candidates(const Extent& box) const {
    return m_index.query(box);
  }
  /// Parcel `i`'s ring when it is a simple convex polygon (most survey and grid parcels).
  [[nodiscard]] const std::optional<std::vector<geom::XY>>& convex(std::size_t i) const {
    return m_convex[i];
  }

private:
  struct Shapes;
  static Shapes read_shapes(const std::vector<landuse::LandUseParcel>& parcels, unsigned threads);
  ParcelIndex(const std::vector<landuse::LandUseParcel>& parcels, Shapes&& shapes);

  const std::vector<landuse::LandUseParcel>& m_parcels;
  index::BoxIndex m_index;
  std::vector<std::optional<std::vector<geom::XY>>> m_convex;
};

/// The part of one parcel inside one polygon (a right-of-way, or a dissolved union of them).
struct TakePiece {
  std::size_t parcel_index = 0;
  /// The piece when it came from exact convex clipping: its ring, counter-clockwise, without
  /// the closing point. Kept as coordinates, not as a GEOS object: a city has hundreds of
  /// thousands of these pieces, and most are only measured and written.
  std::vector<geom::XY> convex;
  geom::Geometry geometry;  ///< the piece otherwise (polygonal); null when `convex` is set
  double area_m2 = 0.0;

  /// The piece as a GEOS geometry owned by `ctx`.
  [[nodiscard]] geom::Geometry to_geometry(const geom::GeosContext& ctx) const;
  /// The piece's 2D ISO WKB (a Polygon or a MultiPolygon) appended to `out`.
  void append_wkb(std::vector<std::uint8_t>& out) const;
};

/// Cuts `polygon` by the parcels it touches: one piece per parcel with a non-zero overlap, in
/// parcel order. Parcels wholly inside the polygon are taken whole, without clipping; when both
/// are convex (a straight right-of-way and a four-sided parcel, say) the piece comes from exact
/// convex clipping instead of a general overlay. Slivers under 1 mm² are left out. All GEOS work
/// runs on `polygon`'s context, so threads can cut their own polygons at once.
[[nodiscard]] std::vector<TakePiece> cut_by_parcels(const geom::Geometry& polygon,
                                                    const ParcelIndex& parcels);

/// Cuts every polygon by the parcels, on `threads` worker threads (0 = all cores), each with a
/// GEOS context of its own taken from `contexts` (which keeps them alive as long as the pieces).
/// Results are in polygon order whatever the threads do, so outputs stay identical.
/// Worker exceptions are rethrown in polygon order.
[[nodiscard]] std::vector<std::vector<TakePiece>> cut_all_by_parcels(
    const std::vector<const geom::Geometry*>& polygons, const ParcelIndex& parcels,
    std::vector<std::unique_ptr<geom::GeosContext>>& contexts, unsigned threads = 0);

/// Area taken from one land-use class.
struct ClassArea {
  std::string code;  ///< a first-level (2-digit) or full code
  double area_m2 = 0.0;
};

/// A land take split by class. Every square metre of `total_m2` is in exactly one of: a class
/// (by_level1 and, finer, by_code), or `unclassified_m2` (covered by no parcel). Of the classed
/// part, `already_road_m2` lies on road land (1207/1202) and is not new take.
struct TakeBreakdown {
  double total_m2 = 0.0;
  std::vector<ClassArea> by_level1;  ///< sorted by code
  std::vector<ClassArea> by_code;    ///< sorted by code
  double unclassified_m2 = 0.0;
  double already_road_m2 = 0.0;
  /// What the works newly take: everything but land that is road already.
  [[nodiscard]] double new_take_m2() const { return total_m2 - already_road_m2; }
};

/// Sums pieces (in their order, so the result is deterministic) by class of the parcels they
/// were cut from (`piece.parcel_index` is a position in `parcels`; only their classes are
/// read). `total_m2` is the area of the polygon the pieces were cut from.
[[nodiscard]] TakeBreakdown summarise_take(const std::vector<TakePiece>& pieces,
                                           const std::vector<landuse::LandUseParcel>& parcels,
                                           double total_m2);

/// Land take of a set of rights-of-way counted once per square metre, without dissolving the
/// whole network where the land use allows it.
///
/// The classed part of the union is, parcel by parcel, the area of the union of the pieces in
/// that parcel (most parcels have one piece and need no union). When no pieces of two parcels
/// overlap (land use as a partition, as the 三调 survey is), the total is that plus
/// the union of the parts no parcel covers, which is built only from the rights-of-way whose
/// pieces fall short of their area (roads leaving the surveyed area). When they do overlap,
/// the total is the area of the whole union, built tile by tile: each right-of-way clipped to
/// the square tiles it touches and unioned within the tile, so no operation ever sees the whole
/// network and the tiles' unions partition the union.
struct DissolvedTake {
  /// The worker contexts that made the tiles (declared first: destroyed after them).
  std::vector<std::unique_ptr<geom::GeosContext>> contexts;
  /// Non-overlapping pieces of the union, by tile: built when asked for (keep_union) or when
  /// parcels overlap; empty otherwise.
  std::vector<geom::Geometry> tiles;
  TakeBreakdown breakdown;
  /// The parcels (positions in the parcel list, ascending) that overlap another parcel inside
  /// the rights-of-way (overlaps elsewhere do not count). Their shared part counts in each
  /// one's class, so the classes then add up to more than the land they cover.
  std::vector<std::size_t> overlapping_parcels;
};

/// Side of the square tiles of the union for `count` polygons spread over `extent`: about
/// 16 polygons a tile, so each tile's union stays small (union cost grows faster than its
/// input), within 100 m to 2 km.
[[nodiscard]] double dissolve_tile_m(const Extent& extent, std::size_t count);

struct DissolveOptions {
  double tile_m = 0.0;      ///< side of the union's tiles; 0 = dissolve_tile_m
  unsigned threads = 0;     ///< 0 = all cores
  bool keep_union = false;  ///< also build the tiled union (e.g. to meet protected zones)
};

/// Dissolves `polygons` (borrowed) and reports the take by class. `pieces` are the polygons
/// already cut by parcels (parallel to `polygons`); their `parcel_index` is a position in
/// `parcels`, of which only the classes are read (not the shapes).
[[nodiscard]] DissolvedTake dissolved_take(const std::vector<const geom::Geometry*>& polygons,
                                           const std::vector<const std::vector<TakePiece>*>& pieces,
                                           const std::vector<landuse::LandUseParcel>& parcels,
                                           const DissolveOptions& options = {});

/// The same, cutting the polygons by parcels itself (one thread).
[[nodiscard]] DissolvedTake dissolved_take(const std::vector<const geom::Geometry*>& polygons,
                                           const ParcelIndex& parcels,
                                           const DissolveOptions& options = {});

}  // namespace cx::overlay
