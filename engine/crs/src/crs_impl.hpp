#pragma once

#include <ogr_spatialref.h>

namespace cx::crs {

/// The GDAL spatial reference behind a Crs (private to this module).
struct CrsImpl {
  OGRSpatialReference srs;
};

}  // namespace cx::crs
