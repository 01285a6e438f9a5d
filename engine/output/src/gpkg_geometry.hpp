#pragma once

// GeoPackage geometry blobs (GeoPackage 1.2, clause 2.1.3): a small header with the SRS id and
// the envelope, followed by the geometry as standard WKB.

#include <cstdint>
#include <span>
#include <vector>

namespace cx::output::detail {

/// A 2D bounding box; `empty` when the geometry has no coordinates.
struct Envelope {
  double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
  bool empty = true;

  void expand(double x, double y);
  void expand(const Envelope& other);
};

/// What the writer needs to know about one WKB geometry.
struct WkbInfo {
  Envelope envelope;
  bool is_point = false;  ///< points get no envelope in the header (it would repeat the point)
};

/// Walks WKB (either byte order; 2D, Z, M or ZM; any geometry type up to collections) and
/// returns its envelope. Throws cx::InternalError on malformed WKB: the writer only receives
/// WKB the engine made, so a bad one is a bug.
[[nodiscard]] WkbInfo inspect_wkb(std::span<const std::uint8_t> wkb);

/// Replaces `out` with the GeoPackage blob of `wkb`: "GP", version 0, flags (little-endian
/// header; an [minx, maxx, miny, maxy] envelope unless the geometry is a point or empty; the
/// empty bit), the SRS id, the envelope, then the WKB unchanged.
void encode_gpkg_geometry(std::vector<std::uint8_t>& out, std::int32_t srs_id,
                          std::span<const std::uint8_t> wkb, const WkbInfo& info);

}  // namespace cx::output::detail
