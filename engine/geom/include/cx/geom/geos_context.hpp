#pragma once

#include <string>

struct GEOSContextHandle_HS;

namespace cx::geom {

/// One GEOS reentrant context (`GEOS_init_r`) with error and notice handlers that keep the last
/// message, so failures become cx::GeometryError with GEOS's own words. A context belongs to
/// one thread at a time; give each worker its own. Geometries keep a pointer to the context
/// that made them, which must outlive them.
class GeosContext {
public:
  GeosContext();
  ~GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  [[nodiscard]] GEOSContextHandle_HS* handle() const noexcept { return m_handle; }
  /// The last error GEOS reported on this context ("" when none).
  [[nodiscard]] const std::string& last_error() const noexcept { return m_last_error; }
  void clear_error() noexcept { m_last_error.clear(); }

  /// Throws cx::GeometryError naming `operation` and GEOS's last message.
  [[noreturn]] void fail(const char* operation) const;

private:
  static void on_error(const char* message, void* self);
  GEOSContextHandle_HS* m_handle = nullptr;
  std::string m_last_error;
};

}  // namespace cx::geom
