#include "cx/overlay/land_take.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <span>
#include <thread>
#include <cmath>
#include <utility>

#include "cx/core/parallel.hpp"
#include "cx/geom/convex_clip.hpp"
#include "cx/geom/prepared_geometry.hpp"
#include "parallel.hpp"

namespace cx::overlay {
namespace {

std::vector<ClassArea> to_sorted(const std::map<std::string, double>& areas) {
  std::vector<ClassArea> out;
  out.reserve(areas.size());
  for (const auto& [code, area] : areas) out.push_back({code, area});
  return out;
}

// Pieces smaller than this (1 mm²) are rounding slivers where boundaries meet, not land take.
constexpr double min_piece_m2 = 1e-6;

}  // namespace

struct ParcelIndex::Shapes {
  std::vector<Extent> boxes;
  std::vector<std::optional<std::vector<geom::XY>>> convex;
};

// Each parcel's box and convex ring, on up to `threads` threads: for a city's million parcels
// this took half a second on one, with the other core idle.
ParcelIndex::Shapes ParcelIndex::read_shapes(const std::vector<landuse::LandUseParcel>& parcels,
                                             unsigned threads) {
  ParcelIndex::Shapes out{std::vector<Extent>(parcels.size()),
                          std::vector<std::optional<std::vector<geom::XY>>>(parcels.size())};
  parallel_runs(parcels.size(), threads, [&](std::size_t i) {
    const geom::Geometry& shape = parcels[i].geometry;
    shape.prime_for_sharing();  // worker threads read parcels concurrently
    out.boxes[i] = shape.extent();
    out.convex[i] = geom::convex_ring(shape);
  });
  return out;
}

ParcelIndex::ParcelIndex(const std::vector<landuse::LandUseParcel>& parcels, unsigned threads)
    : ParcelIndex(parcels, read_shapes(parcels, threads)) {}

ParcelIndex::ParcelIndex(const std::vector<landuse::LandUseParcel>& parcels, Shapes&& shapes)
    : m_parcels(parcels), m_index(shapes.boxes), m_convex(std::move(shapes.convex)) {}

geom::Geometry TakePiece::to_geometry(const geom::GeosContext& ctx) const {
  if (convex.empty()) return geometry.clone(ctx);
  std::vector<geom::XY> ring = convex;
  ring.push_back(ring.front());
  return geom::Geometry::polygon(ctx, ring);
}

void TakePiece::append_wkb(std::vector<std::uint8_t>& out) const {
  if (convex.empty()) {
    geometry.append_wkb(out);
  } else {
    geom::append_ring_polygon_wkb(out, convex);
  }
}

namespace {

// cut_by_parcels over the parcels `candidates` (those whose box meets the polygon's).
std::vector<TakePiece> cut_by_candidates(const geom::Geometry& polygon, const ParcelIndex& parcels,
                                         const std::vector<std::size_t>& candidates) {
  std::vector<TakePiece> pieces;
  const auto convex = geom::convex_ring(polygon);
  const geom::PreparedGeometry prepared(polygon);
  for (const std::size_t i : candidates) {
    const auto& parcel = parcels.parcels()[i];
    if (convex && parcels.convex(i)) {
      std::vector<geom::XY> ring = geom::clip_convex(*parcels.convex(i), *convex);
      const double area_m2 = ring.size() >= 3 ? geom::ring_area(ring) : 0.0;
      if (area_m2 <= min_piece_m2) continue;
      pieces.push_back(TakePiece{.parcel_index = i, .convex = std::move(ring), .geometry = {},
                                 .area_m2 = area_m2});
      continue;
    }
    if (!prepared.intersects(parcel.geometry)) continue;
    // A parcel wholly inside needs no clipping: its own area is the exact answer.
    geom::Geometry piece = prepared.covers(parcel.geometry)
                               ? parcel.geometry.clone(polygon.context())
                               : polygon.intersection(parcel.geometry).polygonal_parts();
    const double area_m2 = piece.area();
    if (area_m2 <= min_piece_m2) continue;  // touching along an edge only, or a sliver
    pieces.push_back(TakePiece{.parcel_index = i, .convex = {}, .geometry = std::move(piece),
                               .area_m2 = area_m2});
  }
  return pieces;
}

}  // namespace

std::vector<TakePiece> cut_by_parcels(const geom::Geometry& polygon, const ParcelIndex& parcels) {
  if (polygon.is_empty()) return {};
  return cut_by_candidates(polygon, parcels, parcels.candidates(polygon.extent()));
}

TakeBreakdown summarise_take(const std::vector<TakePiece>& pieces,
                             const std::vector<landuse::LandUseParcel>& parcels, double total_m2) {
  TakeBreakdown out;
  out.total_m2 = total_m2;
  std::map<std::string, double> by_level1;
  std::map<std::string, double> by_code;
  double classified_m2 = 0.0;
  for (const auto& piece : pieces) {
    const auto& parcel = parcels[piece.parcel_index];
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

// The union of `polygons`, one piece per tile of a grid anchored at the origin, tiles in
// parallel (each tile's geometry is made on, and owned by, a worker's context).
std::vector<geom::Geometry> tiled_union(const std::vector<const geom::Geometry*>& polygons,
                                        double tile_m,
                                        std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                                        unsigned threads) {
  std::map<std::pair<long long, long long>, std::vector<const geom::Geometry*>> by_tile;
  const auto tile_of = [tile_m](double v) { return static_cast<long long>(std::floor(v / tile_m)); };
  for (const auto* polygon : polygons) {
    if (polygon->is_empty()) continue;
    const Extent e = polygon->extent();
    for (long long ty = tile_of(e.min_y); ty <= tile_of(e.max_y); ++ty) {
      for (long long tx = tile_of(e.min_x); tx <= tile_of(e.max_x); ++tx) {
        by_tile[{ty, tx}].push_back(polygon);
      }
    }
  }
  std::vector<std::pair<std::pair<long long, long long>, std::vector<const geom::Geometry*>>> jobs(
      by_tile.begin(), by_tile.end());
  std::vector<geom::Geometry> tiles(jobs.size());
  detail::parallel_for(jobs.size(), contexts, threads, [&](std::size_t j, const geom::GeosContext& ctx) {
    const auto [ty, tx] = jobs[j].first;
    const double x = static_cast<double>(tx) * tile_m, y = static_cast<double>(ty) * tile_m;
    const geom::Geometry box = rectangle(ctx, x, y, x + tile_m, y + tile_m);
    const std::vector<geom::XY> tile_ring = {{x, y}, {x + tile_m, y}, {x + tile_m, y + tile_m}, {x, y + tile_m}};
    std::vector<geom::Geometry> pieces;
    for (const auto* polygon : jobs[j].second) {
      const Extent e = polygon->extent();
      if (e.min_x >= x && e.max_x <= x + tile_m && e.min_y >= y && e.max_y <= y + tile_m) {
        pieces.push_back(polygon->clone(ctx));  // wholly inside the tile
      } else if (const auto convex = geom::convex_ring(*polygon)) {
        // A straight stretch of road is convex: clip it exactly, without a general overlay.
        std::vector<geom::XY> ring = geom::clip_convex(*convex, tile_ring);
        if (ring.size() < 3) continue;
        ring.push_back(ring.front());
        pieces.push_back(geom::Geometry::polygon(ctx, ring));
      } else {
        pieces.push_back(polygon->clone(ctx).intersection(box).polygonal_parts());
      }
    }
    tiles[j] = geom::Geometry::union_all(ctx, std::move(pieces)).polygonal_parts();
  });
  return tiles;
}

// Inclusion–exclusion needs up to 2^k − 1 convex clips for k pieces; beyond this GEOS unions
// instead.
constexpr std::size_t max_pieces_for_inclusion_exclusion = 8;

// The area of the union of convex rings by inclusion–exclusion. Each subset's intersection is
// clipped once, from the intersection of the subset without its last ring, so in the same order
// of rings as clipping subset by subset from its first ring; a subset whose intersection is
// empty ends the search below it (every superset is empty too). The terms are then added in the
// order of the subsets' bit masks, the order they were always added in.
double inclusion_exclusion_area(const std::vector<const std::vector<geom::XY>*>& rings) {
  const std::size_t k = rings.size();
  std::vector<double> term(std::size_t{1} << k, 0.0);
  std::vector<char> has_term(term.size(), 0);
  const auto extend = [&](const auto& self, std::size_t mask, int members, const std::vector<geom::XY>& common,
                          std::size_t from) -> void {
    for (std::size_t i = from; i < k; ++i) {
      const std::vector<geom::XY> next = geom::clip_convex(common, *rings[i]);
      if (next.size() < 3) continue;
      const std::size_t with_i = mask | (std::size_t{1} << i);
      term[with_i] = ((members + 1) % 2 == 1 ? 1.0 : -1.0) * geom::ring_area(next);
      has_term[with_i] = 1;
      self(self, with_i, members + 1, next, i + 1);
    }
  };
  for (std::size_t i = 0; i < k; ++i) {
    if (rings[i]->size() < 3) continue;
    term[std::size_t{1} << i] = geom::ring_area(*rings[i]);
    has_term[std::size_t{1} << i] = 1;
    extend(extend, std::size_t{1} << i, 1, *rings[i], i + 1);
  }
  double area_m2 = 0.0;
  for (std::size_t mask = 1; mask < term.size(); ++mask) {
    if (has_term[mask]) area_m2 += term[mask];
  }
  return area_m2;
}

// Area of the union of the pieces one parcel got from several rights-of-way. Convex pieces
// (the usual case: straight roads over four-sided parcels) by inclusion–exclusion over their
// exact convex intersections; anything else by a GEOS union.
double union_area(std::span<const TakePiece* const> list, const geom::GeosContext& worker) {
  if (list.size() == 1) return list.front()->area_m2;
  if (list.size() <= max_pieces_for_inclusion_exclusion) {
    std::vector<std::vector<geom::XY>> made;  // rings of pieces that came without one
    made.reserve(list.size());
    std::vector<const std::vector<geom::XY>*> rings;
    for (const auto* piece : list) {
      if (!piece->convex.empty()) {
        rings.push_back(&piece->convex);
        continue;
      }
      auto ring = geom::convex_ring(piece->geometry);
      if (!ring) break;
      rings.push_back(&made.emplace_back(std::move(*ring)));
    }
    if (rings.size() == list.size()) return inclusion_exclusion_area(rings);
  }
  std::vector<geom::Geometry> copies;
  for (const auto* piece : list) copies.push_back(piece->to_geometry(worker));
  return geom::Geometry::union_all(worker, std::move(copies)).area();
}

}  // namespace

double dissolve_tile_m(const Extent& extent, std::size_t count) {
  if (extent.empty() || count == 0) return 1000.0;
  const double area_m2 = (extent.max_x - extent.min_x) * (extent.max_y - extent.min_y);
  return std::clamp(std::sqrt(area_m2 / static_cast<double>(count) * 16.0), 100.0, 2000.0);
}

namespace {

double total_area(const std::vector<geom::Geometry>& tiles) {
  double area_m2 = 0.0;
  for (const auto& tile : tiles) area_m2 += tile.area();
  return area_m2;
}

// Area of the union of the parts of `polygons` that no parcel covers. Only polygons whose
// pieces add up to less than their own area have such parts; each is the polygon minus the
// union of its pieces.
double uncovered_area(const std::vector<const geom::Geometry*>& polygons,
                      const std::vector<const std::vector<TakePiece>*>& pieces,
                      std::vector<std::unique_ptr<geom::GeosContext>>& contexts, unsigned threads) {
  std::vector<std::size_t> short_of_area;
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    double covered_m2 = 0.0;
    for (const auto& piece : *pieces[i]) covered_m2 += piece.area_m2;
    const double area_m2 = polygons[i]->area();
    if (area_m2 - covered_m2 > 1e-9 * area_m2) short_of_area.push_back(i);
  }
  if (short_of_area.empty()) return 0.0;
  std::vector<geom::Geometry> gaps(short_of_area.size());
  detail::parallel_for(short_of_area.size(), contexts, threads,
                       [&](std::size_t k, const geom::GeosContext& ctx) {
                         const std::size_t i = short_of_area[k];
                         std::vector<geom::Geometry> covered;
                         for (const auto& piece : *pieces[i]) covered.push_back(piece.to_geometry(ctx));
                         geom::Geometry own = polygons[i]->clone(ctx);
                         gaps[k] = covered.empty()
                                       ? std::move(own)
                                       : own.difference(geom::Geometry::union_all(ctx, std::move(covered)))
                                             .polygonal_parts();
                       });
  std::vector<const geom::Geometry*> pointers;
  Extent extent;
  for (const auto& gap : gaps) {
    gap.prime_for_sharing();
    pointers.push_back(&gap);
    extent.add(gap.extent());
  }
  return total_area(tiled_union(pointers, dissolve_tile_m(extent, pointers.size()), contexts, threads));
}

// The pieces of one parcel, from every right-of-way that took some of it.
struct ParcelPieces {
  std::size_t parcel = 0;
  std::span<const TakePiece* const> pieces;
};

// The pieces gathered parcel by parcel, in parcel order (so sums are deterministic), each
// parcel's in the order given. A counting sort by parcel: linear, stable, and all in two flat
// arrays (`order` holds the pieces the groups point into), where a comparison sort ran on one
// thread and every parcel had a vector of its own.
std::vector<ParcelPieces> pieces_by_parcel(const std::vector<const std::vector<TakePiece>*>& pieces,
                                           std::size_t parcel_count,
                                           std::vector<const TakePiece*>& order) {
  std::vector<std::size_t> start(parcel_count + 1, 0);
  std::size_t total = 0;
  for (const auto* list : pieces) {
    for (const auto& piece : *list) ++start[piece.parcel_index + 1];
    total += list->size();
  }
  std::size_t groups = 0;
  for (std::size_t p = 0; p < parcel_count; ++p) {
    if (start[p + 1] != 0) ++groups;
    start[p + 1] += start[p];
  }
  order.assign(total, nullptr);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const auto* list : pieces) {
    for (const auto& piece : *list) order[next[piece.parcel_index]++] = &piece;
  }
  std::vector<ParcelPieces> out;
  out.reserve(groups);
  for (std::size_t p = 0; p < parcel_count; ++p) {
    const std::size_t count = start[p + 1] - start[p];
    if (count != 0) out.push_back({p, std::span<const TakePiece* const>(order.data() + start[p], count)});
  }
  return out;
}

// The box of a piece.
Extent piece_box(const TakePiece& piece) {
  if (piece.convex.empty()) return piece.geometry.extent();
  Extent box;
  for (const auto& p : piece.convex) box.add(p.x, p.y);
  return box;
}

// True when pieces `a` and `b` share more than a sliver of area.
bool pieces_overlap(const TakePiece& a, const TakePiece& b, const geom::GeosContext& ctx) {
  if (!a.convex.empty() && !b.convex.empty()) {
    // Pieces of neighbouring parcels share an edge at most: settled without clipping.
    if (geom::convex_interiors_disjoint(a.convex, b.convex)) return false;
    const auto common = geom::clip_convex(a.convex, b.convex);
    return common.size() >= 3 && geom::ring_area(common) > min_piece_m2;
  }
  return a.to_geometry(ctx).intersection(b.to_geometry(ctx)).area() > min_piece_m2;
}

// Adds to `out` the parcels of the pieces of one polygon that overlap another of its pieces
// (they are of different parcels: a polygon gives a parcel one piece).
void overlapping_within(const std::vector<TakePiece>& pieces, const geom::GeosContext& ctx,
                        std::vector<std::size_t>& out) {
  std::vector<std::pair<Extent, const TakePiece*>> boxes;
  boxes.reserve(pieces.size());
  for (const auto& piece : pieces) boxes.emplace_back(piece_box(piece), &piece);
  std::sort(boxes.begin(), boxes.end(), [](const auto& a, const auto& b) { return a.first.min_x < b.first.min_x; });
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size() && boxes[j].first.min_x <= boxes[i].first.max_x; ++j) {
      if (boxes[i].first.intersects(boxes[j].first) && pieces_overlap(*boxes[i].second, *boxes[j].second, ctx)) {
        out.push_back(boxes[i].second->parcel_index);
        out.push_back(boxes[j].second->parcel_index);
      }
    }
  }
}

// The parcels whose pieces overlap pieces of other parcels, in parcel order: where they do, the
// parcel-by-parcel sum would count the common part twice, and the total must come from the
// union itself. Only overlaps inside the rights-of-way matter, so pieces are compared, not
// parcels: parcels that overlap where no road goes change nothing, and the parcels' own shapes
// are not needed (the land use may have been read and let go in chunks).
//
// Comparing the pieces of each polygon among themselves is enough: if parcel p's piece of
// polygon A and parcel q's piece of polygon B share an area, that area lies in p, q and A, so
// q's piece of A (which then exists, and is at least as large) shares it with p's piece of A.
std::vector<std::size_t> overlapping_parcels(const std::vector<const std::vector<TakePiece>*>& pieces,
                                             std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                                             unsigned threads) {
  std::vector<std::vector<std::size_t>> found(pieces.size());
  detail::parallel_for(pieces.size(), contexts, threads, [&](std::size_t i, const geom::GeosContext& ctx) {
    overlapping_within(*pieces[i], ctx, found[i]);
  });
  std::vector<std::size_t> out;
  for (const auto& list : found) out.insert(out.end(), list.begin(), list.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

DissolvedTake dissolved_take(const std::vector<const geom::Geometry*>& polygons,
                             const std::vector<const std::vector<TakePiece>*>& pieces,
                             const std::vector<landuse::LandUseParcel>& parcels,
                             const DissolveOptions& options) {
  DissolvedTake out;
  Extent extent;
  for (const auto* polygon : polygons) {
    polygon->prime_for_sharing();  // read by the workers at the same time
    extent.add(polygon->extent());
  }
  std::vector<const TakePiece*> order;
  const auto groups = pieces_by_parcel(pieces, parcels.size(), order);
  std::vector<TakePiece> dissolved(groups.size());
  detail::parallel_for(groups.size(), out.contexts, options.threads,
                       [&](std::size_t g, const geom::GeosContext& worker) {
                         dissolved[g] = TakePiece{.parcel_index = groups[g].parcel, .convex = {},
                                                 .geometry = {},
                                                 .area_m2 = union_area(groups[g].pieces, worker)};
                       });
  out.overlapping_parcels = overlapping_parcels(pieces, out.contexts, options.threads);
  const bool parcels_overlap = !out.overlapping_parcels.empty();
  if (options.keep_union || parcels_overlap) {
    const double tile_m = options.tile_m > 0.0 ? options.tile_m : dissolve_tile_m(extent, polygons.size());
    out.tiles = tiled_union(polygons, tile_m, out.contexts, options.threads);
  }
  double total_m2 = 0.0;
  if (parcels_overlap) {
    total_m2 = total_area(out.tiles);
  } else {
    for (const auto& piece : dissolved) total_m2 += piece.area_m2;
    total_m2 += uncovered_area(polygons, pieces, out.contexts, options.threads);
  }
  out.breakdown = summarise_take(dissolved, parcels, total_m2);
  return out;
}

DissolvedTake dissolved_take(const std::vector<const geom::Geometry*>& polygons,
                             const ParcelIndex& parcels, const DissolveOptions& options) {
  std::vector<std::vector<TakePiece>> cut;
  cut.reserve(polygons.size());
  for (const auto* polygon : polygons) cut.push_back(cut_by_parcels(*polygon, parcels));
  std::vector<const std::vector<TakePiece>*> pointers;
  for (const auto& list : cut) pointers.push_back(&list);
  return dissolved_take(polygons, pointers, parcels.parcels(), options);
}

std::vector<std::vector<TakePiece>> cut_all_by_parcels(
    const std::vector<const geom::Geometry*>& polygons, const ParcelIndex& parcels,
    std::vector<std::unique_ptr<geom::GeosContext>>& contexts, unsigned threads) {
  // GEOS caches envelopes the first time they are asked for; fill them now, on this thread,
  // so the workers only ever read the shared polygons.
  for (const auto* polygon : polygons) polygon->prime_for_sharing();
  std::vector<std::vector<TakePiece>> out(polygons.size());
  detail::parallel_for(polygons.size(), contexts, threads,
                       [&](std::size_t i, const geom::GeosContext& ctx) {
                         if (polygons[i]->is_empty()) return;
                         const auto candidates = parcels.candidates(polygons[i]->extent());
                         // Far from every parcel (the land use read in chunks): nothing to copy.
                         if (candidates.empty()) return;
                         // A copy owned by this thread's context: every GEOS call below uses it.
                         const geom::Geometry own = polygons[i]->clone(ctx);
                         out[i] = cut_by_candidates(own, parcels, candidates);
                       });
  return out;
}

}  // namespace cx::overlay
