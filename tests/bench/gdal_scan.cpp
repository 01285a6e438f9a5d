// The I/O floor for the overlay benchmark: reads every feature of the named layers through
// GDAL, attributes and geometry (as WKB, the form every GDAL-based tool takes it in), and does
// nothing else. Prints the features and vertices read, so the work cannot be optimised away.
//
//   gdal_scan SOURCE LAYER...
#include <cstdio>
#include <memory>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: gdal_scan SOURCE LAYER...\n");
    return 2;
  }
  GDALAllRegister();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  long long features = 0;
  std::size_t wkb_bytes = 0;
  std::vector<unsigned char> wkb;
  for (int a = 2; a < argc; ++a) {
    OGRLayer* layer = ds->GetLayerByName(argv[a]);
    if (layer == nullptr) {
      std::fprintf(stderr, "no layer %s\n", argv[a]);
      return 1;
    }
    for (auto& feature : *layer) {
      ++features;
      for (int i = 0; i < feature->GetFieldCount(); ++i) (void)feature->GetFieldAsString(i);
      if (const OGRGeometry* g = feature->GetGeometryRef()) {
        wkb.resize(g->WkbSize());
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        wkb_bytes += wkb.size();
      }
    }
  }
  std::printf("%lld features, %zu bytes of WKB\n", features, wkb_bytes);
  return 0;
}
