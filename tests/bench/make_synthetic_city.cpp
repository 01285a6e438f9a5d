// Writes a deterministic synthetic city for benchmarks: land use as a jittered tessellation
// (quadrilaterals sharing their vertices, so no gaps or overlaps), a perturbed grid of roads
// split at every junction, a river winding across it with an ecological corridor 150 m each
// side, and 200 zones, in EPSG:4547, 20 km × 20 km.
//
//   make_synthetic_city SIZE OUT.gpkg      SIZE = S (~10k parcels, ~5k road segments),
//                                          M (~100k, ~50k) or L (~1M, ~200k)
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <memory>
#include <string>

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace {

constexpr double origin_x = 400000.0;
constexpr double origin_y = 3880000.0;
constexpr double side_m = 20000.0;

struct Size {
  int parcel_cells;  // parcels per side
  int road_nodes;    // road junctions per side
};

// splitmix64: a fixed, portable hash so every run and platform makes the same city.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// A number in [-1, 1) from (a, b, salt).
double jitter(std::uint64_t a, std::uint64_t b, std::uint64_t salt) {
  const std::uint64_t h = mix(mix(mix(salt) ^ a) ^ b);
  return static_cast<double>(h >> 11) / static_cast<double>(1ULL << 52) - 1.0;
}

// Lattice vertex (i, j) of an n × n grid, moved by up to `amount` of a cell; border vertices stay
// on the border so the tessellation fills the square exactly.
OGRRawPoint vertex(int i, int j, int n, double amount, std::uint64_t salt) {
  const double cell = side_m / n;
  double x = i * cell;
  double y = j * cell;
  if (i > 0 && i < n) x += amount * cell * jitter(static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(j), salt);
  if (j > 0 && j < n) y += amount * cell * jitter(static_cast<std::uint64_t>(i), static_cast<std::uint64_t>(j), salt + 1);
  return {origin_x + x, origin_y + y};
}

const char* parcel_code(int i, int j) {
  static const char* codes[] = {"0101", "0102", "0103", "0103", "0201", "0301", "0701", "0701",
                                "0701", "0703", "0801", "0901", "1001", "1101", "1401", "1402"};
  return codes[mix(static_cast<std::uint64_t>(i) * 1000003ULL + static_cast<std::uint64_t>(j)) % 16];
}

void write_feature(OGRLayer& layer, OGRFeature& feature) {
  if (layer.CreateFeature(&feature) != OGRERR_NONE) {
    std::fprintf(stderr, "writing a feature failed: %s\n", CPLGetLastErrorMsg());
    std::exit(1);
  }
}

OGRLayer* create_layer(GDALDataset& ds, const char* name, OGRwkbGeometryType type,
                       OGRSpatialReference& srs) {
  const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", nullptr};
  return ds.CreateLayer(name, &srs, type, const_cast<char**>(options));
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type) {
  OGRFieldDefn field(name, type);
  layer.CreateField(&field);
}

void write_land_use(GDALDataset& ds, OGRSpatialReference& srs, int n) {
  OGRLayer* layer = create_layer(ds, "land_use", wkbPolygon, srs);
  add_field(*layer, "parcel_id", OFTString);
  add_field(*layer, "code", OFTString);
  ds.StartTransaction();
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      OGRFeature f(layer->GetLayerDefn());
      char id[32];
      std::snprintf(id, sizeof id, "P%07d", j * n + i);
      f.SetField("parcel_id", id);
      f.SetField("code", parcel_code(i, j));
      OGRLinearRing ring;
      for (const auto& [di, dj] : {std::pair{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}) {
        const OGRRawPoint p = vertex(i + di, j + dj, n, 0.3, 1);
        ring.addPoint(p.x, p.y);
      }
      OGRPolygon polygon;
      polygon.addRing(&ring);
      f.SetGeometry(&polygon);
      write_feature(*layer, f);
    }
  }
  ds.CommitTransaction();
}

// Every 8th grid line an arterial, every 4th a secondary, the rest branches.
void road_class(int line, const char*& cls, double& width_m) {
  if (line % 8 == 0) {
    cls = "arterial";
    width_m = 45.0;
  } else if (line % 4 == 0) {
    cls = "secondary";
    width_m = 28.0;
  } else {
    cls = "branch";
    width_m = 17.0;
  }
}

void write_roads(GDALDataset& ds, OGRSpatialReference& srs, int m) {
  OGRLayer* layer = create_layer(ds, "roads", wkbLineString, srs);
  add_field(*layer, "road_id", OFTString);
  add_field(*layer, "class", OFTString);
  add_field(*layer, "width_m", OFTReal);
  const int cells = m - 1;
  int next_id = 0;
  ds.StartTransaction();
  const auto add = [&](int i0, int j0, int i1, int j1, int line) {
    const char* cls = nullptr;
    double width = 0.0;
    road_class(line, cls, width);
    OGRFeature f(layer->GetLayerDefn());
    char id[32];
    std::snprintf(id, sizeof id, "R%07d", next_id++);
    f.SetField("road_id", id);
    f.SetField("class", cls);
    f.SetField("width_m", width);
    OGRLineString line_string;
    const OGRRawPoint a = vertex(i0, j0, cells, 0.2, 7);
    const OGRRawPoint b = vertex(i1, j1, cells, 0.2, 7);
    line_string.addPoint(a.x, a.y);
    line_string.addPoint(b.x, b.y);
    f.SetGeometry(&line_string);
    write_feature(*layer, f);
  };
  for (int j = 0; j <= cells; ++j) {
    for (int i = 0; i < cells; ++i) add(i, j, i + 1, j, j);  // east-west streets
  }
  for (int i = 0; i <= cells; ++i) {
    for (int j = 0; j < cells; ++j) add(i, j, i, j + 1, i);  // north-south streets
  }
  ds.CommitTransaction();
}

// A river winding west to east through the middle of the city: 2 km either side of the centre
// line, one bend every 8 km.
OGRLineString river_line() {
  OGRLineString line;
  for (int k = 0; k <= 400; ++k) {
    const double x = side_m * k / 400.0;
    line.addPoint(origin_x + x, origin_y + side_m / 2 + 2000.0 * std::sin(2.0 * M_PI * x / 8000.0));
  }
  return line;
}

void write_river_and_corridor(GDALDataset& ds, OGRSpatialReference& srs) {
  const OGRLineString river = river_line();
  OGRLayer* rivers = create_layer(ds, "river_lines", wkbLineString, srs);
  add_field(*rivers, "river_id", OFTString);
  add_field(*rivers, "name", OFTString);
  OGRFeature r(rivers->GetLayerDefn());
  r.SetField("river_id", "W1");
  r.SetField("name", "synthetic river");
  r.SetGeometry(&river);
  write_feature(*rivers, r);

  OGRLayer* corridors = create_layer(ds, "eco_corridor", wkbPolygon, srs);
  add_field(*corridors, "corridor_id", OFTString);
  add_field(*corridors, "kind", OFTString);
  OGRFeature c(corridors->GetLayerDefn());
  c.SetField("corridor_id", "C1");
  c.SetField("kind", "corridor");
  std::unique_ptr<OGRGeometry> band(river.Buffer(150.0, 8));
  c.SetGeometry(band.get());
  write_feature(*corridors, c);
}

// 200 zones on a 20 × 10 grid, jittered, with populations and jobs drawn from a fixed hash.
void write_zones(GDALDataset& ds, OGRSpatialReference& srs) {
  OGRLayer* layer = create_layer(ds, "zones", wkbPoint, srs);
  add_field(*layer, "zone_id", OFTString);
  add_field(*layer, "population", OFTInteger);
  add_field(*layer, "jobs", OFTInteger);
  ds.StartTransaction();
  for (int j = 0; j < 10; ++j) {
    for (int i = 0; i < 20; ++i) {
      OGRFeature f(layer->GetLayerDefn());
      char id[16];
      std::snprintf(id, sizeof id, "Z%03d", j * 20 + i);
      f.SetField("zone_id", id);
      const auto u = static_cast<std::uint64_t>(j * 20 + i);
      f.SetField("population", static_cast<int>(1000 + mix(u * 2) % 9000));
      f.SetField("jobs", static_cast<int>(500 + mix(u * 2 + 1) % 5000));
      OGRPoint p(origin_x + (i + 0.5) * side_m / 20 + 300.0 * jitter(u, 0, 11),
                 origin_y + (j + 0.5) * side_m / 10 + 300.0 * jitter(u, 1, 11));
      f.SetGeometry(&p);
      write_feature(*layer, f);
    }
  }
  ds.CommitTransaction();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "S") != 0 && std::strcmp(argv[1], "M") != 0 &&
                    std::strcmp(argv[1], "L") != 0)) {
    std::fprintf(stderr, "usage: make_synthetic_city S|M|L OUT.gpkg\n");
    return 2;
  }
  const Size size = argv[1][0] == 'S' ? Size{100, 51} : argv[1][0] == 'M' ? Size{316, 159} : Size{1000, 317};
  GDALAllRegister();
  CPLSetConfigOption("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  std::unique_ptr<GDALDataset> ds(driver->Create(argv[2], 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) {
    std::fprintf(stderr, "cannot create %s\n", argv[2]);
    return 1;
  }
  OGRSpatialReference srs;
  srs.importFromEPSG(4547);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  write_land_use(*ds, srs, size.parcel_cells);
  write_roads(*ds, srs, size.road_nodes);
  write_river_and_corridor(*ds, srs);
  write_zones(*ds, srs);
  return 0;
}
