// Bad road layers given to `crossaxis network`, as they arrive from CAD exports, old Shapefiles
// and downloads: each is refused with one line naming the file (and the feature where there is
// one) and exit code 2, or repaired with a warning; never a crash, and never an output file.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_support.hpp"

namespace cx::test {
namespace {

class BadInputTest : public ::testing::Test {
protected:
  TempDir dir;
  const std::filesystem::path out = dir / "out.gpkg";

  CommandResult network(const std::filesystem::path& roads, const std::string& extra = {}) {
    return run_command(std::string(crossaxis_exe) + " network -q --speed 36 --roads " + roads.string() + " " + extra +
                       " -o " + out.string());
  }
  void expect_refused(const CommandResult& r, const std::vector<std::string>& mentions) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << "no '" << m << "' in: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
  }
  void geojson(const std::filesystem::path& path, const std::string& features) {
    write_text(path, R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
"features":[)" + features + "]}");
  }
  static std::string line_feature(const std::string& coordinates, const std::string& id = "R1") {
    return R"({"type":"Feature","properties":{"road_id":")" + id + R"(","class":"branch"},
"geometry":{"type":"LineString","coordinates":)" + coordinates + "}}";
  }
};

TEST_F(BadInputTest, MissingAndZeroByteFilesAndPlainSqliteAreNamed) {
  expect_refused(network(dir / "missing.gpkg"), {"missing.gpkg"});
  write_text(dir / "empty.gpkg", "");
  expect_refused(network(dir / "empty.gpkg"), {"empty.gpkg"});
  ASSERT_EQ(run_command("sqlite3 " + (dir / "plain.gpkg").string() + " 'CREATE TABLE t (a); INSERT INTO t VALUES (1);'")
                .exit_code, 0);
  expect_refused(network(dir / "plain.gpkg"), {"plain.gpkg"});
}

TEST_F(BadInputTest, ATruncatedGeoPackageIsRefused) {
  const auto sample = read_text(source_path("sample_data/cross_axis.gpkg"));
  write_text(dir / "cut.gpkg", sample.substr(0, sample.size() / 3));
  expect_refused(network(dir / "cut.gpkg", "--roads-layer roads"), {"cut.gpkg"});
}

TEST_F(BadInputTest, CoordinatesThatCannotBeRealAreRefusedNotComputedOn) {
  // GDAL reads these without complaint; the engine must not.
  geojson(dir / "far.geojson", line_feature("[[431680,3893710],[1e300,3893710]]"));
  expect_refused(network(dir / "far.geojson"), {"far.geojson"});
  geojson(dir / "lonlat.geojson", line_feature("[[113.25,35.17],[113.26,35.17]]"));  // degrees in EPSG:4547
  expect_refused(network(dir / "lonlat.geojson"), {"lonlat.geojson"});
}

TEST_F(BadInputTest, APolygonInARoadLayerIsNamedByFeature) {
  geojson(dir / "mixed.geojson",
          line_feature("[[431680,3893710],[431780,3893710]]") + "," +
              R"({"type":"Feature","properties":{"road_id":"P1","class":"branch"},
"geometry":{"type":"Polygon","coordinates":[[[431680,3893710],[431780,3893710],[431780,3893810],[431680,3893710]]]}})");
  expect_refused(network(dir / "mixed.geojson"), {"mixed.geojson", "feature 1"});
}

TEST_F(BadInputTest, AShapefileWithoutItsPrjAsksForTheCrs) {
  write_layer(dir / "roads.shp", "ESRI Shapefile", "roads", std::nullopt, {{"road_id", "String"}, {"class", "String"}},
              {{"LINESTRING (431680 3893710, 431780 3893710)", {"R1", "branch"}}});
  expect_refused(network(dir / "roads.shp"), {"roads.shp", "--crs"});
}

TEST_F(BadInputTest, AnOutputThatIsADirectoryIsRefused) {
  geojson(dir / "ok.geojson", line_feature("[[431680,3893710],[431780,3893710]]"));
  std::filesystem::create_directories(out);
  const auto r = network(dir / "ok.geojson");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(std::filesystem::is_directory(out));
}

TEST_F(BadInputTest, ThreeDimensionalAndRepeatedVertexRoadsAreUsedWithAWarning) {
  write_text(dir / "z.geojson", R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
"features":[)" + line_feature("[[431680,3893710,50],[431780,3893710,51],[431780,3893710,51],[431880,3893710,52]]") + "]}");
  const auto r = run_command(std::string(crossaxis_exe) + " network --speed 36 --roads " + (dir / "z.geojson").string() +
                             " -o " + out.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace cx::test
