#pragma once

#include "cx/geom/geometry.hpp"

struct GEOSPrepGeom_t;

namespace cx::geom {

/// A GEOS prepared geometry for repeated predicates against one shape (e.g. one right-of-way
/// tested against many parcels). Borrows `base`, which must outlive it.
class PreparedGeometry {
public:
  explicit PreparedGeometry(const Geometry& base);
  ~PreparedGeometry();
  PreparedGeometry(const PreparedGeometry&) = delete;
  PreparedGeometry& operator=(const PreparedGeometry&) = delete;

  [[nodiscard]] bool intersects(const Geometry& other) const;
  /// True when `other` lies wholly inside (boundary allowed): no clipping needed.
  [[nodiscard]] bool covers(const Geometry& other) const;

private:
  const Geometry& m_base;
  const GEOSPrepGeom_t* m_prepared = nullptr;
};

}  // namespace cx::geom
