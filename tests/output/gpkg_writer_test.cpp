#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/core/error.hpp"
#include "cx/output/gpkg_writer.hpp"
#include "test_support.hpp"

namespace cx::output {
namespace {

const TableSchema roads_table{"roads_out", GeometryKind::LineString,
                              {{"road_key", ColumnType::Text}, {"length_m", ColumnType::Real},
                               {"lanes", ColumnType::Integer}},
                              "test roads"};
const TableSchema summary_table{"summary", GeometryKind::None,
                                {{"key", ColumnType::Text}, {"value", ColumnType::Real}},
                                "test summary"};

// 2D ISO WKB of LINESTRING (x0 y0, x1 y1), little-endian, written byte by byte.
std::vector<std::uint8_t> line_wkb(double x0, double y0, double x1, double y1) {
  std::vector<std::uint8_t> out(9 + 4 * sizeof(double));
  const std::uint8_t header[9] = {1, 2, 0, 0, 0, 2, 0, 0, 0};  // NDR, LineString, 2 points
  std::memcpy(out.data(), header, sizeof header);
  const double coordinates[4] = {x0, y0, x1, y1};
  std::memcpy(out.data() + 9, coordinates, sizeof coordinates);
  return out;
}

void write_sample(const std::filesystem::path& path) {
  GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
  writer.write_table(roads_table,
                     {Row{{std::string("R1"), 1000.0, std::int64_t{4}},
                          line_wkb(431680, 3893710, 431680, 3894710)},
                      Row{{std::string("R2"), io::FieldValue{}, std::int64_t{2}},
                          line_wkb(430880, 3893710, 431680, 3893710)}});
  writer.write_table(summary_table, {Row{{std::string("total_m2"), 123.5}, {}}});
  writer.commit();
}

TEST(GpkgWriter, RoundTripKeepsCrsCountsValuesAndSpatialIndex) {
  test::TempDir dir;
  const auto path = dir / "out.gpkg";
  write_sample(path);
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* roads = ds->GetLayerByName("roads_out");
  ASSERT_NE(roads, nullptr);
  ASSERT_NE(roads->GetSpatialRef(), nullptr);
  OGRSpatialReference srs(*roads->GetSpatialRef());
  srs.AutoIdentifyEPSG();
  EXPECT_STREQ(srs.GetAuthorityCode(nullptr), "4547");
  EXPECT_EQ(roads->GetFeatureCount(), 2);
  std::unique_ptr<OGRFeature> first(roads->GetFeature(1));
  ASSERT_TRUE(first);
  EXPECT_STREQ(first->GetFieldAsString("road_key"), "R1");
  EXPECT_DOUBLE_EQ(first->GetFieldAsDouble("length_m"), 1000.0);
  EXPECT_EQ(first->GetFieldAsInteger64("lanes"), 4);
  EXPECT_DOUBLE_EQ(first->GetGeometryRef()->toLineString()->get_Length(), 1000.0);
  std::unique_ptr<OGRFeature> second(roads->GetFeature(2));
  EXPECT_TRUE(second->IsFieldNull(second->GetFieldIndex("length_m")));
  OGRLayer* summary = ds->GetLayerByName("summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->GetGeomType(), wkbNone);

  // The R-tree exists and is filled; last_change is pinned.
  OGRLayer* rtree = ds->ExecuteSQL("SELECT COUNT(*) FROM rtree_roads_out_geom", nullptr, nullptr);
  ASSERT_NE(rtree, nullptr);
  std::unique_ptr<OGRFeature> count(rtree->GetNextFeature());
  EXPECT_EQ(count->GetFieldAsInteger64(0), 2);
  ds->ReleaseResultSet(rtree);
  OGRLayer* contents = ds->ExecuteSQL(
      "SELECT last_change FROM gpkg_contents WHERE table_name = 'roads_out'", nullptr, nullptr);
  std::unique_ptr<OGRFeature> change(contents->GetNextFeature());
  EXPECT_STREQ(change->GetFieldAsString(0), "2000/01/01 00:00:00+00");  // GDAL's rendering
  ds->ReleaseResultSet(contents);
}

TEST(GpkgWriter, IdenticalWritesGiveIdenticalBytes) {
  test::TempDir dir;
  write_sample(dir / "a.gpkg");
  write_sample(dir / "b.gpkg");
  EXPECT_EQ(test::read_text(dir / "a.gpkg"), test::read_text(dir / "b.gpkg"));
}

TEST(GpkgWriter, UncommittedWriteLeavesNoFileAndKeepsTheOldOne) {
  test::TempDir dir;
  const auto path = dir / "out.gpkg";
  test::write_text(path, "previous result");
  {
    GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(summary_table, {Row{{std::string("x"), 1.0}, {}}});
    EXPECT_TRUE(std::filesystem::exists(writer.temporary_path()));
    // destroyed without commit(), as when an analysis throws
  }
  EXPECT_EQ(test::read_text(path), "previous result");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(GpkgWriter, RefusesADirectoryAsTarget) {
  test::TempDir dir;
  EXPECT_THROW(GpkgWriter(dir.path(), crs::Crs::from_user_input("EPSG:4547")), IoError);
}

TEST(GpkgWriter, RefusesRowsThatDoNotFitTheSchema) {
  test::TempDir dir;
  GpkgWriter writer(dir / "x.gpkg", crs::Crs::from_user_input("EPSG:4547"));
  EXPECT_THROW(writer.write_table(summary_table, {Row{{std::string("x")}, {}}}), InternalError);
  EXPECT_THROW(writer.write_table(summary_table, {Row{{1.0, 1.0}, {}}}), InternalError);
}

}  // namespace
}  // namespace cx::output
