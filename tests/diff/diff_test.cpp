// crossaxis diff on hand-made GeoPackages, against values worked out by hand.
#include <gtest/gtest.h>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/diff/diff.hpp"
#include "cx/diff/diff_outputs.hpp"
#include "test_support.hpp"

namespace cx::diff {
namespace {

std::string square(double x0, double y0, double x1, double y1) {
  return "POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " + std::to_string(x1) + " " +
         std::to_string(y0) + ", " + std::to_string(x1) + " " + std::to_string(y1) + ", " + std::to_string(x0) +
         " " + std::to_string(y1) + ", " + std::to_string(x0) + " " + std::to_string(y0) + "))";
}

class DiffTest : public ::testing::Test {
protected:
  void SetUp() override {
    const std::vector<test::FixtureField> fields{{"parcel_key", "String"}, {"class", "String"}, {"value", "Real"}};
    // A: P1 unchanged, P2 removed, P3 class changed, P4 widened by 1 m, P5 moved by 1e-7 m and
    // its value by 1e-7 (within the tolerance).
    test::write_layer(a, "GPKG", "parcels", 4547, fields,
                      {{square(0, 0, 10, 10), {"P1", "01", "1"}},
                       {square(20, 0, 30, 10), {"P2", "01", "2"}},
                       {square(40, 0, 50, 10), {"P3", "01", "3"}},
                       {square(60, 0, 70, 10), {"P4", "07", "4"}},
                       {square(80, 0, 90, 10), {"P5", "07", "5"}}});
    test::write_layer(b, "GPKG", "parcels", 4547, fields,
                      {{square(0, 0, 10, 10), {"P1", "01", "1"}},
                       {square(40, 0, 50, 10), {"P3", "09", "3"}},
                       {square(60, 0, 71, 10), {"P4", "07", "4"}},
                       {square(80.0000001, 0, 90.0000001, 10), {"P5", "07", "5.0000001"}},
                       {square(100, 0, 110, 10), {"P6", "12", "6"}}});
    test::write_layer(a, "GPKG", "only_in_a", 4547, {{"k", "String"}}, {{"POINT (1 1)", {"x"}}});
    // A summary table keyed by text (not named *_key): one value changed.
    const std::vector<test::FixtureField> stats{{"measure", "String"}, {"minutes", "Real"}};
    test::write_layer(a, "GPKG", "stats", std::nullopt, stats, {{"", {"mean", "5.25"}}, {"", {"max", "12"}}});
    test::write_layer(b, "GPKG", "stats", std::nullopt, stats, {{"", {"mean", "5.0"}}, {"", {"max", "12"}}});
  }
  test::TempDir dir;
  std::string a = (dir / "a.gpkg").string();
  std::string b = (dir / "b.gpkg").string();
  DiffOptions options{.tolerance = 1e-3, .key = {}};

  static const LayerDiff& layer(const DatasetDiff& d, const std::string& name) {
    for (const auto& l : d.layers) {
      if (l.name == name) return l;
    }
    throw std::runtime_error("no layer " + name);
  }
};

TEST_F(DiffTest, AddedRemovedAndModifiedFeaturesWithTheirValuesAndGeometryChanges) {
  const DatasetDiff d = diff_datasets(a, b, options);
  EXPECT_FALSE(d.equal());
  const LayerDiff& parcels = layer(d, "parcels");
  EXPECT_EQ(parcels.key_field, "parcel_key");
  EXPECT_TRUE(parcels.warnings.empty());
  ASSERT_EQ(parcels.changes.size(), 4U);  // P2, P3, P4, P6; P1 and P5 (within tolerance) unchanged
  EXPECT_EQ(parcels.unchanged, 2U);
  const auto& p2 = parcels.changes[0];
  EXPECT_EQ(p2.key, "P2");
  EXPECT_EQ(p2.change, Change::Removed);
  const auto& p3 = parcels.changes[1];
  EXPECT_EQ(p3.key, "P3");
  EXPECT_EQ(p3.change, Change::Modified);
  ASSERT_EQ(p3.values.size(), 1U);
  EXPECT_EQ(p3.values[0].field, "class");
  EXPECT_EQ(display(p3.values[0].before), "01");
  EXPECT_EQ(display(p3.values[0].after), "09");
  EXPECT_FALSE(p3.geometry.has_value());
  const auto& p4 = parcels.changes[2];
  EXPECT_EQ(p4.key, "P4");
  EXPECT_TRUE(p4.values.empty());
  ASSERT_TRUE(p4.geometry.has_value());
  EXPECT_NEAR(*p4.geometry->d_area, 10.0, 1e-9);    // 10 × 11 − 10 × 10
  EXPECT_NEAR(*p4.geometry->d_length, 2.0, 1e-9);   // perimeter 42 − 40
  EXPECT_NEAR(*p4.geometry->hausdorff, 1.0, 1e-9);  // the moved edge
  EXPECT_EQ(parcels.attribute_changes(), 1U);  // P3
  EXPECT_EQ(parcels.geometry_changes(), 1U);   // P4
  EXPECT_EQ(parcels.changes[3].key, "P6");
  EXPECT_EQ(parcels.changes[3].change, Change::Added);
}

TEST_F(DiffTest, WithoutToleranceFloatNoiseIsAChange) {
  options.tolerance = 0.0;
  const DatasetDiff d = diff_datasets(a, b, options);
  const LayerDiff& parcels = layer(d, "parcels");
  EXPECT_EQ(parcels.unchanged, 1U);  // P5 now differs in value and geometry
  EXPECT_EQ(parcels.count(Change::Modified), 3U);
}

TEST_F(DiffTest, LayersOnOneSideAndTablesWithATextKey) {
  const DatasetDiff d = diff_datasets(a, b, options);
  const LayerDiff& only = layer(d, "only_in_a");
  EXPECT_TRUE(only.in_a);
  EXPECT_FALSE(only.in_b);
  EXPECT_EQ(only.features_a, 1U);
  const LayerDiff& stats = layer(d, "stats");
  EXPECT_EQ(stats.key_field, "measure");  // the first field, unique on both sides
  EXPECT_FALSE(stats.spatial);
  ASSERT_EQ(stats.changes.size(), 1U);
  EXPECT_EQ(stats.changes[0].key, "mean");
  ASSERT_EQ(stats.changes[0].values.size(), 1U);
  EXPECT_NEAR(*stats.changes[0].values[0].delta, -0.25, 1e-12);
}

TEST_F(DiffTest, AFileComparedWithItselfIsTheSame) {
  const DatasetDiff d = diff_datasets(a, a, options);
  EXPECT_TRUE(d.equal());
  EXPECT_EQ(layer(d, "parcels").unchanged, 5U);
}

TEST_F(DiffTest, NoKeyMeansMatchingByFidWithAWarning) {
  test::write_layer(dir / "c.gpkg", "GPKG", "lines", 4547, {{"name", "String"}},
                    {{"LINESTRING (0 0, 1 0)", {"same"}}, {"LINESTRING (0 0, 2 0)", {"same"}}});
  const DatasetDiff d = diff_datasets((dir / "c.gpkg").string(), (dir / "c.gpkg").string(), options);
  const LayerDiff& lines = layer(d, "lines");
  EXPECT_TRUE(lines.key_field.empty());
  ASSERT_FALSE(lines.warnings.empty());
  EXPECT_NE(lines.warnings.back().find("FID"), std::string::npos);
}

TEST_F(DiffTest, TheDiffGeoPackageHoldsEachChangeWithItsGeometryAndStyle) {
  const DatasetDiff d = diff_datasets(a, b, options);
  const auto out = dir / "diff.gpkg";
  write_diff_geopackage(d, out);
  GDALDatasetUniquePtr ds(GDALDataset::Open(out.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_TRUE(ds);
  OGRLayer* parcels = ds->GetLayerByName("parcels");
  ASSERT_NE(parcels, nullptr);
  std::map<std::string, std::string> change;
  for (auto& f : *parcels) {
    change[f->GetFieldAsString("key")] = f->GetFieldAsString("change");
    if (std::string(f->GetFieldAsString("key")) == "P4") {
      EXPECT_NEAR(f->GetFieldAsDouble("d_area"), 10.0, 1e-9);
      EXPECT_STREQ(f->GetFieldAsString("what"), "geometry");
      EXPECT_NEAR(f->GetGeometryRef()->toPolygon()->get_Area(), 110.0, 1e-9);  // B's shape
    }
    if (std::string(f->GetFieldAsString("key")) == "P2") {
      EXPECT_NEAR(f->GetGeometryRef()->toPolygon()->get_Area(), 100.0, 1e-9);  // A's shape
    }
  }
  EXPECT_EQ(change, (std::map<std::string, std::string>{
                        {"P2", "removed"}, {"P3", "modified"}, {"P4", "modified"}, {"P6", "added"}}));
  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  EXPECT_EQ(styles->GetFeatureCount(), 1);  // the one spatial layer with changes
  OGRLayer* summary = ds->GetLayerByName("diff_summary");
  ASSERT_NE(summary, nullptr);
  EXPECT_EQ(summary->GetFeatureCount(), 3);
}

TEST_F(DiffTest, ReportAndJsonLinesNameEveryChange) {
  const DatasetDiff d = diff_datasets(a, b, options);
  const std::string report = markdown_report(d, options);
  EXPECT_NE(report.find("`P3`: class: 01 → 09"), std::string::npos) << report;
  EXPECT_NE(report.find("Δarea +10 m²"), std::string::npos) << report;
  EXPECT_NE(report.find("Added (1): `P6`"), std::string::npos) << report;
  EXPECT_NE(report.find("Removed (1): `P2`"), std::string::npos) << report;
  const std::string lines = jsonl(d);
  EXPECT_NE(lines.find(R"({"layer":"stats","key":"mean","change":"modified","attributes":{"minutes":{"old":5.25,"new":5,"delta":-0.25}},"geometry":null})"),
            std::string::npos) << lines;
  EXPECT_NE(lines.find(R"({"layer":"only_in_a","status":"only in A")"), std::string::npos) << lines;
}

}  // namespace
}  // namespace cx::diff
