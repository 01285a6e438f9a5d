// Fuzz target: geometry into the engine. The first byte chooses the path:
//   0: WKB straight into GEOS, then validity, repair, area and length;
//   1, 2: GeoJSON through GDAL and the layer loader, checked as roads or land use (the whole
//         path of a run's loading: CRS, coordinates, geometry type, validity, repair, fields).
// Any cx::Error is a refusal with a message, as it should be; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <span>

#include "cx/core/error.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/geom/geos_context.hpp"
#include "cx/scenario/validate.hpp"
#include "fuzz_input.hpp"

namespace {

void wkb_path(std::span<const std::uint8_t> wkb) {
  static const cx::geom::GeosContext ctx;
  const auto g = cx::geom::Geometry::from_wkb(ctx, wkb);
  if (g.is_empty() || g.has_non_finite_coordinates()) return;
  (void)g.area();
  (void)g.length();
  if (!g.is_valid()) (void)g.make_valid().polygonal_parts().area();
}

void geojson_path(const std::uint8_t* data, std::size_t size, const char* type) {
  const std::string path = cx::fuzz::write_input("layer.geojson", data, size);
  (void)cx::scenario::validate_source(path, cx::scenario::ValidateOptions{.as_type = type});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  try {
    switch (data[0] % 3) {
      case 0: wkb_path({data + 1, size - 1}); break;
      case 1: geojson_path(data + 1, size - 1, "roads"); break;
      default: geojson_path(data + 1, size - 1, "land_use"); break;
    }
  } catch (const cx::Error&) {
  }
  return 0;
}
