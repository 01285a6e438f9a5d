#include "cx/geom/geos_context.hpp"

#include <geos_c.h>

#include "cx/core/error.hpp"

namespace cx::geom {

GeosContext::GeosContext() : m_handle(GEOS_init_r()) {
  if (m_handle == nullptr) throw InternalError("GEOS_init_r failed");
  GEOSContext_setErrorMessageHandler_r(m_handle, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->m_last_error = message != nullptr ? message : "";
}

void GeosContext::fail(const char* operation) const {
  throw GeometryError(std::string("GEOS ") + operation + " failed" +
                      (m_last_error.empty() ? std::string() : ": " + m_last_error));
}

}  // namespace cx::geom
