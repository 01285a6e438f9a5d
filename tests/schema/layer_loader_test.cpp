#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "cx/core/error.hpp"
#include "cx/crs/coordinate_transform.hpp"
#include "cx/landuse/land_use_layer.hpp"
#include "cx/roads/road_layer.hpp"
#include "cx/schema/layer_loader.hpp"
#include "test_support.hpp"

namespace cx::schema {
namespace {

using test::FixtureFeature;
using test::FixtureField;

class LayerLoaderTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  Diagnostics diagnostics;
  test::TempDir dir;
  LoadOptions options{.working_crs = crs::Crs::from_user_input("EPSG:4547"),
                      .on_invalid = InvalidPolicy::Repair};

  std::vector<roads::Road> load_roads(const std::string& path, const std::string& layer = {},
                                     FieldMapping fields = {{"id", "road_id"}}) {
    LayerSource source{.path = path, .layer = layer, .declared_crs = std::nullopt,
                       .fields = std::move(fields)};
    return roads::to_roads(load_layer(source, roads::road_schema(), options, ctx, diagnostics), diagnostics);
  }
};

// The three fixture roads, checked against the values written in the GeoJSON by hand.
void expect_fixture_roads(const std::vector<roads::Road>& roads) {
  ASSERT_EQ(roads.size(), 3U);
  EXPECT_EQ(roads[0].key, "R1");
  EXPECT_EQ(roads[0].name, "迎宾路");
  EXPECT_DOUBLE_EQ(roads[0].width_m, 50.0);
  EXPECT_NEAR(roads[0].geometry.length(), 1000.0, 1e-6);
  EXPECT_EQ(roads[1].key, "R2");
  EXPECT_NEAR(roads[1].geometry.length(), 800.0, 1e-6);
  // Road 3 has no width or speed: class defaults (branch: 17 m, 30 km/h).
  EXPECT_DOUBLE_EQ(roads[2].width_m, roads::defaults_for(roads::RoadClass::Branch).width_m);
  EXPECT_DOUBLE_EQ(roads[2].speed_kmh, 30.0);
  EXPECT_TRUE(roads[2].bridge);
  EXPECT_EQ(roads[2].z_level, 1);
  EXPECT_EQ(roads[2].oneway, roads::Oneway::Forward);
  EXPECT_NEAR(roads[2].geometry.length(), 500.5 + 500.25, 1e-6);
}

TEST_F(LayerLoaderTest, ReadsGeoJson) {
  expect_fixture_roads(load_roads(test::data_path("io/roads_4547.geojson")));
}

TEST_F(LayerLoaderTest, ReadsGeoPackageShapefileAndFlatGeobuf) {
  const auto source = test::data_path("io/roads_4547.geojson");
  for (const auto& [name, driver] : std::vector<std::pair<std::string, std::string>>{
           {"roads.gpkg", "GPKG"}, {"roads.shp", "ESRI Shapefile"}, {"roads.fgb", "FlatGeobuf"}}) {
    SCOPED_TRACE(driver);
    test::translate(source, dir / name, driver);
    auto roads = load_roads((dir / name).string());
    // FlatGeobuf's packed spatial index stores features in Hilbert order, not source order.
    std::sort(roads.begin(), roads.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    expect_fixture_roads(roads);
  }
}

TEST_F(LayerLoaderTest, ReprojectsLonLatInputToTheWorkingCrs) {
  // GDAL's ogr2ogr makes an EPSG:4326 copy (the second method); loading must bring it back.
  const auto source = test::data_path("io/roads_4547.geojson");
  const auto wgs84 = dir / "roads_4326.geojson";
  test::translate(source, dir / "tmp.gpkg", "GPKG");
  const auto result = test::run_command("ogr2ogr -t_srs EPSG:4326 -f GeoJSON " + wgs84.string() +
                                        " " + (dir / "tmp.gpkg").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto original = load_roads(source.string());
  const auto reprojected = load_roads(wgs84.string());
  ASSERT_EQ(reprojected.size(), original.size());
  for (std::size_t i = 0; i < original.size(); ++i) {
    const auto a = original[i].geometry.line_points();
    const auto b = reprojected[i].geometry.line_points();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_NEAR(a[k].x, b[k].x, 1e-3);  // GeoJSON keeps 7 decimals of a degree (~1 cm)
      EXPECT_NEAR(a[k].y, b[k].y, 1e-3);
    }
  }
}

TEST_F(LayerLoaderTest, ALayerWithoutCrsIsAnErrorUnlessDeclared) {
  const auto shp = dir / "nocrs.shp";
  test::write_layer(shp, "ESRI Shapefile", "nocrs", std::nullopt, {{"class", "String"}},
                    {{"LINESTRING (431680 3893710, 431680 3894710)", {"arterial"}}});
  try {
    (void)load_roads(shp.string(), {}, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().path, shp.string());
    EXPECT_EQ(e.context().layer, "nocrs");
    EXPECT_NE(std::string(e.what()).find("no coordinate reference system"), std::string::npos);
  }
  LayerSource declared{.path = shp.string(), .layer = {}, .declared_crs = "EPSG:4547", .fields = {}};
  const auto layer = load_layer(declared, roads::road_schema(), options, ctx, diagnostics);
  EXPECT_EQ(layer.features.size(), 1U);
}

TEST_F(LayerLoaderTest, TextInTheWidthFieldNamesFeatureAndField) {
  const auto path = dir / "bad_width.geojson";
  test::write_text(path, R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
"features":[
{"type":"Feature","properties":{"road_id":"R1","class":"arterial","width_m":"40"},
 "geometry":{"type":"LineString","coordinates":[[431680,3893710],[431680,3894710]]}},
{"type":"Feature","properties":{"road_id":"R2","class":"arterial","width_m":"wide"},
 "geometry":{"type":"LineString","coordinates":[[431680,3893710],[432680,3893710]]}}]})");
  try {
    (void)load_roads(path.string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, 1);  // GeoJSON FIDs start at 0
    EXPECT_EQ(e.context().field, "width_m");
    EXPECT_NE(std::string(e.what()).find("'wide'"), std::string::npos) << e.what();
  }
}

TEST_F(LayerLoaderTest, OpenStreetMapWaysNotForCarsAreLeftOutAndCountedButUnknownClassesFail) {
  const auto path = dir / "osm.geojson";
  const auto write = [&](const char* third_class) {
    test::write_text(path, std::string(R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
"features":[
{"type":"Feature","properties":{"road_id":"W1","class":"residential"},
 "geometry":{"type":"LineString","coordinates":[[431680,3893710],[431680,3894710]]}},
{"type":"Feature","properties":{"road_id":"W2","class":"Footway"},
 "geometry":{"type":"LineString","coordinates":[[431680,3893710],[432680,3893710]]}},
{"type":"Feature","properties":{"road_id":"W3","class":")") + third_class + R"("},
 "geometry":{"type":"LineString","coordinates":[[431680,3893710],[430680,3893710]]}}]})");
  };
  write("steps");
  const auto roads = load_roads(path.string());
  ASSERT_EQ(roads.size(), 1U);
  EXPECT_EQ(roads[0].key, "W1");
  const auto skipped = std::find_if(diagnostics.items().begin(), diagnostics.items().end(),
                                    [](const Diagnostic& d) { return d.code == "roads.not_for_motor_traffic"; });
  ASSERT_NE(skipped, diagnostics.items().end());
  EXPECT_EQ(skipped->feature_ids, (std::vector<long long>{1, 2}));
  write("hovercraft_lane");
  try {
    (void)load_roads(path.string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, 2);
    EXPECT_EQ(e.context().field, "class");
  }
}

TEST_F(LayerLoaderTest, OpenStreetMapRoundaboutsAreOneWayAndReversibleWaysBothWays) {
  // OpenStreetMap's tagging rules: junction=roundabout (or circular) implies oneway=yes unless
  // oneway says otherwise; oneway=reversible and alternating change direction over the day.
  const auto path = dir / "osm.geojson";
  const auto feature = [](const char* id, const char* properties) {
    return std::string(R"({"type":"Feature","properties":{"road_id":")") + id +
           R"(","class":"residential")" + properties +
           R"(},"geometry":{"type":"LineString","coordinates":[[431680,3893710],[431680,3894710]]}})";
  };
  test::write_text(path, R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},
"features":[)" + feature("W1", R"(,"junction":"roundabout")") + "," +
                             feature("W2", R"(,"junction":"circular","oneway":"")") + "," +
                             feature("W3", R"(,"junction":"roundabout","oneway":"no")") + "," +
                             feature("W4", R"(,"junction":"roundabout","oneway":"-1")") + "," +
                             feature("W5", R"(,"oneway":"reversible")") + "," +
                             feature("W6", R"(,"oneway":"alternating")") + "," +
                             feature("W7", R"(,"junction":"yes")") + "]}");
  const auto roads = load_roads(path.string());
  ASSERT_EQ(roads.size(), 7U);
  using roads::Oneway;
  const std::vector<Oneway> expected{Oneway::Forward, Oneway::Forward, Oneway::Both, Oneway::Backward,
                                     Oneway::Both, Oneway::Both, Oneway::Both};
  for (std::size_t i = 0; i < roads.size(); ++i) EXPECT_EQ(roads[i].oneway, expected[i]) << roads[i].key;
}

TEST_F(LayerLoaderTest, MissingRequiredFieldListsTheLayersFields) {
  const auto path = dir / "no_class.gpkg";
  test::write_layer(path, "GPKG", "roads", 4547, {{"kind", "String"}},
                    {{"LINESTRING (431680 3893710, 431680 3894710)", {"arterial"}}});
  try {
    (void)load_roads(path.string(), {}, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().field, "class");
    EXPECT_NE(std::string(e.what()).find("'kind'"), std::string::npos) << e.what();
  }
}

TEST_F(LayerLoaderTest, InvalidPolygonsAreRepairedAndCountedOrRefusedByPolicy) {
  const auto path = dir / "landuse.gpkg";
  test::write_layer(path, "GPKG", "land_use", 4547, {{"code", "String"}},
                    {{"POLYGON ((431000 3893000, 431100 3893000, 431100 3893100, 431000 3893100, "
                      "431000 3893000))",
                      {"0103"}},
                     {"POLYGON ((431000 3893200, 431010 3893210, 431010 3893200, 431000 3893210, "
                      "431000 3893200))",
                      {"0701"}}});
  const LayerSource source{.path = path.string(), .layer = {}, .declared_crs = std::nullopt,
                           .fields = {}};
  auto parcels = landuse::to_parcels(
      load_layer(source, landuse::land_use_schema(), options, ctx, diagnostics), diagnostics);
  ASSERT_EQ(parcels.size(), 2U);
  EXPECT_NEAR(parcels[1].geometry.area(), 50.0, 1e-6);  // bow-tie: two 25 m² triangles
  ASSERT_EQ(diagnostics.items().size(), 1U);
  EXPECT_EQ(diagnostics.items()[0].code, "geom.invalid");
  EXPECT_EQ(diagnostics.items()[0].feature_ids, (std::vector<long long>{2}));

  options.on_invalid = InvalidPolicy::Fail;
  try {
    (void)load_layer(source, landuse::land_use_schema(), options, ctx, diagnostics);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, 2);
  }
}

// Features are loaded in chunks on every core; the result must be what one thread would give:
// features in FID order, each reprojected as PROJ does it here, findings in feature order, and
// the first refusal in feature order however the chunks were scheduled.
TEST_F(LayerLoaderTest, LoadsManyFeaturesInChunksAsOneThreadWould) {
  const auto path = dir / "landuse_4326.gpkg";
  const auto corner = [](int i) { return std::pair{114.0 + (i % 100) * 0.001, 35.0 + (i / 100) * 0.001}; };
  const auto ring = [](double x, double y, bool bow_tie) {
    const double d = 0.0005;
    const auto p = [](double a, double b) { return std::to_string(a) + " " + std::to_string(b); };
    return "POLYGON ((" + p(x, y) + ", " + p(x + d, y) + ", " +
           (bow_tie ? p(x, y + d) + ", " + p(x + d, y + d) : p(x + d, y + d) + ", " + p(x, y + d)) +
           ", " + p(x, y) + "))";
  };
  std::vector<FixtureFeature> features;
  for (int i = 0; i < 5000; ++i) {
    const auto [x, y] = corner(i);
    features.push_back({ring(x, y, (i + 1) % 700 == 0), {"P" + std::to_string(i + 1), "0103"}});
  }
  test::write_layer(path, "GPKG", "land_use", 4326, {{"id", "String"}, {"code", "String"}}, features);
  const LayerSource source{.path = path.string(), .layer = {}, .declared_crs = std::nullopt, .fields = {}};
  const LoadedLayer layer = load_layer(source, landuse::land_use_schema(), options, ctx, diagnostics);

  ASSERT_EQ(layer.features.size(), 5000U);
  const crs::CoordinateTransform to_working(crs::Crs::from_user_input("EPSG:4326"), options.working_crs);
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    const auto& f = layer.features[i];
    ASSERT_EQ(f.fid, static_cast<long long>(i + 1));
    const auto [x, y] = corner(static_cast<int>(i));
    std::vector<double> xs{x}, ys{y};
    ASSERT_TRUE(to_working.transform(xs, ys));
    bool has_corner = false;  // a repaired bow-tie is two triangles: look in every ring
    for (const auto& r : f.geometry.rings()) {
      has_corner = has_corner || std::any_of(r.begin(), r.end(), [&](const geom::XY& v) {
        return std::abs(v.x - xs[0]) < 1e-6 && std::abs(v.y - ys[0]) < 1e-6;
      });
    }
    EXPECT_TRUE(has_corner) << "feature " << f.fid;
  }
  ASSERT_EQ(diagnostics.items().size(), 1U);
  EXPECT_EQ(diagnostics.items()[0].code, "geom.invalid");
  EXPECT_EQ(diagnostics.items()[0].feature_ids,
            (std::vector<long long>{700, 1400, 2100, 2800, 3500, 4200, 4900}));

  // One thread (--threads 1) gives the same geometries, to the bit.
  options.threads = 1;
  Diagnostics alone;
  const LoadedLayer one = load_layer(source, landuse::land_use_schema(), options, ctx, alone);
  ASSERT_EQ(one.features.size(), layer.features.size());
  for (std::size_t i = 0; i < one.features.size(); ++i) {
    EXPECT_EQ(one.features[i].geometry.to_wkb(), layer.features[i].geometry.to_wkb()) << i;
  }
  EXPECT_EQ(alone.items()[0].feature_ids, diagnostics.items()[0].feature_ids);

  options.on_invalid = InvalidPolicy::Fail;
  try {
    (void)load_layer(source, landuse::land_use_schema(), options, ctx, diagnostics);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, 700);
  }
}

// Parcels are classed in chunks of 4096 on every core; the result must be one pass in feature
// order: parcels in FID order with their own keys and classes, findings in feature order, and
// the first bad code in feature order is the one refused, whichever chunk finishes first.
TEST_F(LayerLoaderTest, ClassesManyParcelsInChunksAsOnePassWould) {
  const auto square = [](int i) {
    const auto p = [](int x, int y) { return std::to_string(x) + " " + std::to_string(y); };
    const int x = 431000 + (i % 100) * 10, y = 3893000 + (i / 100) * 10;
    return "POLYGON ((" + p(x, y) + ", " + p(x + 10, y) + ", " + p(x + 10, y + 10) + ", " +
           p(x, y + 10) + ", " + p(x, y) + "))";
  };
  const auto write = [&](const std::filesystem::path& path, const std::vector<int>& bad) {
    std::vector<FixtureFeature> features;
    for (int i = 1; i <= 10000; ++i) {
      // Every thousandth parcel has a second-level code the table lacks ("0199": kept, noted).
      std::string code = i % 1000 == 0 ? "0199" : (i % 2 == 0 ? "0701" : "0103");
      if (std::find(bad.begin(), bad.end(), i) != bad.end()) code = "x1";
      features.push_back({square(i), {"P" + std::to_string(i), code}});
    }
    test::write_layer(path, "GPKG", "land_use", 4547, {{"id", "String"}, {"code", "String"}}, features);
  };
  const auto load = [&](const std::filesystem::path& path, Diagnostics& found) {
    const LayerSource source{.path = path.string(), .layer = {}, .declared_crs = std::nullopt, .fields = {}};
    return landuse::to_parcels(load_layer(source, landuse::land_use_schema(), options, ctx, found), found);
  };

  write(dir / "many.gpkg", {});
  const auto parcels = load(dir / "many.gpkg", diagnostics);
  ASSERT_EQ(parcels.size(), 10000U);
  for (std::size_t k = 0; k < parcels.size(); ++k) {
    const long long fid = static_cast<long long>(k) + 1;
    ASSERT_EQ(parcels[k].fid, fid);
    ASSERT_EQ(parcels[k].key, "P" + std::to_string(fid));
    const std::string code = fid % 1000 == 0 ? "0199" : (fid % 2 == 0 ? "0701" : "0103");
    ASSERT_EQ(parcels[k].code, code) << fid;
    ASSERT_EQ(parcels[k].level1, code.substr(0, 2)) << fid;
    ASSERT_NEAR(parcels[k].geometry.area(), 100.0, 1e-9) << fid;
  }
  ASSERT_EQ(diagnostics.items().size(), 1U);
  EXPECT_EQ(diagnostics.items()[0].code, "landuse.code_not_in_table");
  std::vector<long long> thousandths;
  for (long long fid = 1000; fid <= 10000; fid += 1000) thousandths.push_back(fid);
  EXPECT_EQ(diagnostics.items()[0].feature_ids, thousandths);

  // Bad codes in the second and third chunks: the second's is the one named.
  write(dir / "bad.gpkg", {5000, 9000});
  Diagnostics ignored;
  try {
    (void)load(dir / "bad.gpkg", ignored);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().feature, 5000);
    EXPECT_EQ(e.context().field, "code");
  }
}

TEST_F(LayerLoaderTest, RefusesZonePrefixedEastings) {
  const auto path = dir / "prefixed.gpkg";
  test::write_layer(path, "GPKG", "roads", 4547, {{"class", "String"}},
                    {{"LINESTRING (38431680 3893710, 38431680 3894710)", {"arterial"}}});
  try {
    (void)load_roads(path.string(), {}, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("zone-prefixed"), std::string::npos) << e.what();
    EXPECT_EQ(e.context().layer, "roads");
  }
}

TEST_F(LayerLoaderTest, MissingFileAndMissingLayerAreNamed) {
  try {
    (void)load_roads((dir / "nothing.gpkg").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos);
  }
  test::translate(test::data_path("io/roads_4547.geojson"), dir / "r.gpkg", "GPKG");
  try {
    (void)load_roads((dir / "r.gpkg").string(), "streets");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.context().layer, "streets");
    EXPECT_NE(std::string(e.what()).find("'roads'"), std::string::npos) << e.what();
  }
}

TEST_F(LayerLoaderTest, ThirdSurveyCodesAreMappedToThe2023System) {
  const auto path = dir / "sandiao.gpkg";
  test::write_layer(path, "GPKG", "land_use", 4547, {{"code", "String"}, {"code_system", "String"}},
                    {{"POLYGON ((431000 3893000, 431100 3893000, 431100 3893100, 431000 3893100, "
                      "431000 3893000))",
                      {"1004", "gbt21010_2017"}}});
  const LayerSource source{.path = path.string(), .layer = {}, .declared_crs = std::nullopt,
                           .fields = {}};
  auto parcels = landuse::to_parcels(
      load_layer(source, landuse::land_use_schema(), options, ctx, diagnostics), diagnostics);
  ASSERT_EQ(parcels.size(), 1U);
  EXPECT_EQ(parcels[0].code, "1207");  // 三调 1004 城镇村道路用地 → 2023 1207
  EXPECT_EQ(parcels[0].level1, "12");
}

}  // namespace
}  // namespace cx::schema
