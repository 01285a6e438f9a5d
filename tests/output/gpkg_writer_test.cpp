#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>

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

// Polygon WKB of the rectangle [x0, x1] × [y0, y1], little-endian, written byte by byte.
std::vector<std::uint8_t> box_wkb(double x0, double y0, double x1, double y1) {
  const double ring[10] = {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
  std::vector<std::uint8_t> out(13 + sizeof ring);
  const std::uint8_t header[13] = {1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0};  // NDR, Polygon, 1 ring, 5 points
  std::memcpy(out.data(), header, sizeof header);
  std::memcpy(out.data() + 13, ring, sizeof ring);
  return out;
}

struct Box {
  double x0, y0, x1, y1;
};

const TableSchema boxes_table{"boxes", GeometryKind::Polygon, {{"n", ColumnType::Integer}},
                              "random rectangles"};

// `count` rectangles scattered over 10 km (fixed seed), enough for an R-tree of several levels.
std::vector<Box> random_boxes(std::size_t count) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> corner(0.0, 10000.0);
  std::uniform_real_distribution<double> size(0.1, 80.0);
  std::vector<Box> out;
  for (std::size_t i = 0; i < count; ++i) {
    const double x = 430000.0 + corner(random), y = 3890000.0 + corner(random);
    out.push_back({x, y, x + size(random), y + size(random)});
  }
  return out;
}

void write_boxes(const std::filesystem::path& path, const std::vector<Box>& boxes) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const auto& b = boxes[i];
    rows.push_back(Row{{static_cast<std::int64_t>(i)}, box_wkb(b.x0, b.y0, b.x1, b.y1)});
  }
  GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
  writer.write_table(boxes_table, rows);
  writer.commit();
}

std::string single_text(GDALDataset& ds, const std::string& sql) {
  OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result == nullptr) return "<no result>";
  std::unique_ptr<OGRFeature> row(result->GetNextFeature());
  std::string out = row ? row->GetFieldAsString(0) : "<no row>";
  ds.ReleaseResultSet(result);
  return out;
}

std::set<std::int64_t> fids_in(OGRLayer& layer, const Box& window) {
  layer.SetSpatialFilterRect(window.x0, window.y0, window.x1, window.y1);
  std::set<std::int64_t> out;
  for (auto& feature : layer) out.insert(feature->GetFID());
  layer.SetSpatialFilter(nullptr);
  return out;
}

TEST(GpkgWriter, PackedRtreeIsWhatSqliteAndGdalExpect) {
  test::TempDir dir;
  const auto path = dir / "boxes.gpkg";
  // 80 000 / 51 a node: four levels; the leaves' sort by x is split over two threads (from
  // 65 536 boxes), the levels above are sorted on one.
  const auto boxes = random_boxes(80000);
  write_boxes(path, boxes);
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  // SQLite's own consistency check of the R-tree's nodes, parents and row mapping.
  EXPECT_EQ(single_text(*ds, "SELECT rtreecheck('rtree_boxes_geom')"), "ok");
  EXPECT_EQ(single_text(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom"), "80000");
  // Every stored box contains its rectangle and is the tightest float box that does.
  OGRLayer* stored = ds->ExecuteSQL("SELECT id, minx, maxx, miny, maxy FROM rtree_boxes_geom",
                                    nullptr, nullptr);
  ASSERT_NE(stored, nullptr);
  std::size_t checked = 0;
  for (auto& f : *stored) {
    const Box& b = boxes.at(static_cast<std::size_t>(f->GetFieldAsInteger64(0) - 1));
    const double minx = f->GetFieldAsDouble(1), maxx = f->GetFieldAsDouble(2);
    const double miny = f->GetFieldAsDouble(3), maxy = f->GetFieldAsDouble(4);
    EXPECT_TRUE(minx <= b.x0 && maxx >= b.x1 && miny <= b.y0 && maxy >= b.y1);
    EXPECT_GT(std::nextafter(static_cast<float>(minx), INFINITY), b.x0);
    EXPECT_LT(std::nextafter(static_cast<float>(maxx), -INFINITY), b.x1);
    ++checked;
  }
  ds->ReleaseResultSet(stored);
  EXPECT_EQ(checked, boxes.size());
  // GDAL's spatial filter goes through the R-tree; it must find exactly what brute force finds.
  OGRLayer* layer = ds->GetLayerByName("boxes");
  ASSERT_NE(layer, nullptr);
  for (const Box window : {Box{431000, 3891000, 431500, 3891400}, Box{435000, 3895000, 435050, 3895050},
                           Box{429000, 3889000, 429999, 3889999}, Box{430000, 3890000, 440100, 3900100}}) {
    std::set<std::int64_t> expected;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const Box& b = boxes[i];
      if (b.x0 <= window.x1 && b.x1 >= window.x0 && b.y0 <= window.y1 && b.y1 >= window.y0) {
        expected.insert(static_cast<std::int64_t>(i) + 1);
      }
    }
    EXPECT_EQ(fids_in(*layer, window), expected);
  }
}

TEST(GpkgWriter, OutputPassesGdalsGeoPackageValidator) {
  const std::filesystem::path validator =
      "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
  ASSERT_TRUE(std::filesystem::exists(validator)) << "python3-gdal is installed by install-deps.sh";
  test::TempDir dir;
  write_sample(dir / "sample.gpkg");
  write_boxes(dir / "boxes.gpkg", random_boxes(3000));
  for (const char* name : {"sample.gpkg", "boxes.gpkg"}) {
    const auto result = test::run_command("/usr/bin/python3 '" + validator.string() + "' '" +
                                          (dir / name).string() + "'");
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.out << result.err;
    EXPECT_EQ(result.out + result.err, "") << name;  // not even a warning
  }
}

TEST(GpkgWriter, TablesStayEditableWithTheRtreeKeptInStep) {
  test::TempDir dir;
  const auto path = dir / "boxes.gpkg";
  write_boxes(path, random_boxes(500));
  GDALAllRegister();
  {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    ASSERT_TRUE(ds);
    OGRLayer* layer = ds->GetLayerByName("boxes");
    OGRFeature added(layer->GetLayerDefn());
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt("POLYGON ((445000 3905000, 445010 3905000, 445010 3905010, "
                                      "445000 3905010, 445000 3905000))", nullptr, &g);
    added.SetGeometryDirectly(g);
    added.SetField("n", 500);
    ASSERT_EQ(layer->CreateFeature(&added), OGRERR_NONE);  // the insert trigger fills the R-tree
    ASSERT_EQ(layer->DeleteFeature(1), OGRERR_NONE);        // the delete trigger empties it
  }
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  EXPECT_EQ(single_text(*ds, "SELECT rtreecheck('rtree_boxes_geom')"), "ok");
  EXPECT_EQ(single_text(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom"), "500");
  EXPECT_EQ(single_text(*ds, "SELECT COUNT(*) FROM rtree_boxes_geom WHERE id = 1"), "0");
  OGRLayer* layer = ds->GetLayerByName("boxes");
  EXPECT_EQ(fids_in(*layer, Box{444990, 3904990, 445020, 3905020}), std::set<std::int64_t>{501});
}

TEST(GpkgWriter, ACrsWithoutEpsgCodeIsStoredAsACustomSrs) {
  test::TempDir dir;
  const auto path = dir / "custom.gpkg";
  const auto custom = crs::Crs::from_user_input(
      "+proj=tmerc +lat_0=0 +lon_0=113.25 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs");
  {
    GpkgWriter writer(path, custom);
    writer.write_table(roads_table, {Row{{std::string("R1"), 1.0, std::int64_t{1}},
                                         line_wkb(500000, 3890000, 500100, 3890000)}});
    writer.commit();
  }
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_EQ(single_text(*ds, "SELECT srs_id FROM gpkg_geometry_columns"), "100000");
  const OGRSpatialReference* srs = ds->GetLayerByName("roads_out")->GetSpatialRef();
  ASSERT_NE(srs, nullptr);
  EXPECT_DOUBLE_EQ(srs->GetProjParm(SRS_PP_CENTRAL_MERIDIAN), 113.25);
}

TEST(GpkgWriter, EmptySpatialTableHasNoExtentAndReadsAsEmpty) {
  test::TempDir dir;
  const auto path = dir / "empty.gpkg";
  {
    GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(roads_table, std::vector<Row>{});
    writer.commit();
  }
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* layer = ds->GetLayerByName("roads_out");
  ASSERT_NE(layer, nullptr);
  EXPECT_EQ(layer->GetFeatureCount(), 0);
  EXPECT_EQ(layer->GetGeomType(), wkbLineString);
  EXPECT_EQ(single_text(*ds, "SELECT COALESCE(min_x, 'null') FROM gpkg_contents"), "null");
  EXPECT_EQ(single_text(*ds, "SELECT rtreecheck('rtree_roads_out_geom')"), "ok");
}

Row numbered_box(std::size_t i) {
  const double x = 430000.0 + static_cast<double>(i % 100) * 10.0;
  const double y = 3890000.0 + static_cast<double>(i / 100) * 10.0;
  return Row{{static_cast<std::int64_t>(i)}, box_wkb(x, y, x + 5.0, y + 5.0)};
}

TEST(GpkgWriter, RowsMadeOnDemandGiveTheSameFileAsRowsInMemory) {
  // 10 000 rows: several chunks, so the helper thread makes rows while earlier ones are stored.
  constexpr std::size_t count = 10000;
  test::TempDir dir;
  {
    std::vector<Row> rows;
    for (std::size_t i = 0; i < count; ++i) rows.push_back(numbered_box(i));
    GpkgWriter writer(dir / "vector.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(boxes_table, std::move(rows));
    writer.commit();
  }
  {
    std::size_t calls = 0;
    std::size_t expected_next = 0;
    bool in_order = true;
    const RowSource source{.count = count, .row = [&](std::size_t i) {
                             in_order = in_order && i == expected_next++;
                             ++calls;
                             return numbered_box(i);
                           }};
    GpkgWriter writer(dir / "source.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(boxes_table, source);
    writer.commit();
    EXPECT_EQ(calls, count);
    EXPECT_TRUE(in_order);
  }
  EXPECT_EQ(test::read_text(dir / "vector.gpkg"), test::read_text(dir / "source.gpkg"));
  GDALAllRegister();
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir / "source.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetLayerByName("boxes")->GetFeatureCount(), static_cast<GIntBig>(count));
  std::unique_ptr<OGRFeature> last(ds->GetLayerByName("boxes")->GetFeature(count));
  ASSERT_TRUE(last);
  EXPECT_EQ(last->GetFieldAsInteger64("n"), static_cast<GIntBig>(count - 1));
}

TEST(GpkgWriter, AFailingRowSourceStopsTheWriteAndLeavesNoFile) {
  test::TempDir dir;
  const auto path = dir / "out.gpkg";
  for (const std::size_t failing_row : {std::size_t{5}, std::size_t{9000}}) {
    {
      const RowSource source{.count = 20000, .row = [&](std::size_t i) {
                               if (i == failing_row) throw InputError("bad row " + std::to_string(i));
                               return numbered_box(i);
                             }};
      GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
      EXPECT_THROW(writer.write_table(boxes_table, source), InputError);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  }
  // A row that does not fit the schema is the analysis's bug, reported as such.
  const RowSource misfit{.count = 6000, .row = [](std::size_t i) {
                           return i == 5000 ? Row{{std::string("text")}, {}} : numbered_box(i);
                         }};
  GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
  EXPECT_THROW(writer.write_table(boxes_table, misfit), InternalError);
}

TEST(GpkgWriter, ReportsTheShareOfRowsStoredAndStopsMidTableWhenCancelled) {
  // 20 000 rows are stored in chunks of a few thousand: the progress hears each chunk.
  constexpr std::size_t count = 20000;
  const RowSource source{.count = count, .row = [](std::size_t i) { return numbered_box(i); }};
  test::TempDir dir;
  const auto path = dir / "out.gpkg";
  {
    std::vector<double> heard;
    const Progress progress([&](double fraction, std::string_view) {
      heard.push_back(fraction);
      return true;
    });
    GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(boxes_table, source, progress.sub(0.5, 0.75));
    writer.commit();
    ASSERT_GE(heard.size(), 4U);
    EXPECT_TRUE(std::is_sorted(heard.begin(), heard.end()));
    EXPECT_GT(heard.front(), 0.5);    // the first chunk's share, mapped into [0.5, 0.75]
    EXPECT_LT(heard.front(), 0.6);
    EXPECT_DOUBLE_EQ(heard.back(), 0.75);  // all rows stored
  }
  test::write_text(path, "previous result");
  {
    std::size_t reports = 0;
    const Progress cancel_at_second_report([&](double, std::string_view) { return ++reports < 2; });
    GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
    EXPECT_THROW(writer.write_table(boxes_table, source, cancel_at_second_report), Cancelled);
    EXPECT_EQ(reports, 2U);  // stopped there, not at the end of the table
  }
  EXPECT_EQ(test::read_text(path), "previous result");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
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
  // After a failed write the file is discarded, so each case gets a writer of its own.
  for (auto rows : {std::vector<Row>{Row{{std::string("x")}, {}}}, std::vector<Row>{Row{{1.0, 1.0}, {}}}}) {
    GpkgWriter writer(dir / "x.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    EXPECT_THROW(writer.write_table(summary_table, std::move(rows)), InternalError);
  }
}

}  // namespace
}  // namespace cx::output
