#pragma once

#include <mutex>

#include <ogr_spatialref.h>

namespace cx::crs {

/// The GDAL spatial reference behind a Crs (private to this module). GDAL's object is not safe
/// to use from two threads at once, even to read (it rebinds its PROJ objects to the calling
/// thread's context); every use holds `mutex`, which makes a shared Crs safe to read anywhere.
struct CrsImpl {
  OGRSpatialReference srs;
  mutable std::recursive_mutex mutex;  // recursive: methods call one another

  [[nodiscard]] std::unique_lock<std::recursive_mutex> lock() const {
    return std::unique_lock(mutex);
  }
};

}  // namespace cx::crs
