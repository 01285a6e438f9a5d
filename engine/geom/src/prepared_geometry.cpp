#include "cx/geom/prepared_geometry.hpp"

#include <geos_c.h>

namespace cx::geom {

PreparedGeometry::PreparedGeometry(const Geometry& base)
    : m_base(base), m_prepared(GEOSPrepare_r(base.context().handle(), base.raw())) {
  if (m_prepared == nullptr) base.context().fail("prepare");
}

PreparedGeometry::~PreparedGeometry() {
  GEOSPreparedGeom_destroy_r(m_base.context().handle(), m_prepared);
}

bool PreparedGeometry::intersects(const Geometry& other) const {
  const char r = GEOSPreparedIntersects_r(m_base.context().handle(), m_prepared, other.raw());
  if (r == 2) m_base.context().fail("prepared intersects");
  return r == 1;
}

bool PreparedGeometry::covers(const Geometry& other) const {
  const char r = GEOSPreparedCovers_r(m_base.context().handle(), m_prepared, other.raw());
  if (r == 2) m_base.context().fail("prepared covers");
  return r == 1;
}

}  // namespace cx::geom
