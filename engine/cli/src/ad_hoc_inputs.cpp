#include "ad_hoc_inputs.hpp"

#include "cx/core/error.hpp"
#include "cx/crs/crs.hpp"
#include "cx/io/vector_reader.hpp"

namespace cx::cli {

std::string working_crs(const std::string& given, const std::string& roads,
                        const std::string& layer) {
  if (!given.empty()) return given;
  const auto wkt = io::read_layer_crs(roads, layer);
  if (!wkt) {
    throw InputError("the roads layer has no CRS; give the working CRS with --crs (e.g. --crs "
                     "EPSG:4547)",
                     ErrorContext{.path = roads, .layer = layer});
  }
  const crs::Crs roads_crs = crs::Crs::from_wkt(*wkt);
  if (!roads_crs.is_projected()) {
    throw InputError("the roads layer is in " + roads_crs.label() +
                         ", which is not projected; give a projected working CRS in metres with "
                         "--crs (e.g. the local UTM zone)",
                     ErrorContext{.path = roads, .layer = layer});
  }
  return roads_crs.to_wkt();
}

void map_if_given(schema::FieldMapping& fields, const char* logical, const std::string& source) {
  if (!source.empty()) fields[logical] = source;
}


}  // namespace cx::cli
