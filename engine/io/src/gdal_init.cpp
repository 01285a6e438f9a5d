#include <mutex>

#include <gdal.h>

#include "cx/io/vector_reader.hpp"

namespace cx::io {

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

}  // namespace cx::io
