// The bad-input corpus (tests/data/bad/, listed in its README) through the command line: each
// file is refused with exit code 2 and a message naming its file, layer, feature and field, and
// no output; or it is repaired, the repair counted in a warning that names the features.
// Binary cases (a GeoPackage or DBF holding text in a numeric column, a Shapefile without its
// .dbf, GBK text, measured lines) are made here from tiny layers.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "test_support.hpp"

namespace cx::test {
namespace {

namespace fs = std::filesystem;

const std::string sample = source_path("sample_data/cross_axis.gpkg").string();

class BadCorpus : public ::testing::Test {
protected:
  TempDir dir;
  const fs::path out = dir / "out.gpkg";

  static fs::path bad(const std::string& name) { return data_path("bad/" + name); }

  CommandResult network(const fs::path& roads, const std::string& extra = {}) const {
    return run_command(std::string(crossaxis_exe) + " network --speed 36 --roads " + roads.string() +
                       " " + extra + " -o " + out.string());
  }
  CommandResult overlay_land_use(const fs::path& land_use) const {
    return run_command(std::string(crossaxis_exe) + " overlay --roads " + sample +
                       " --roads-layer roads --land-use " + land_use.string() + " -o " + out.string());
  }
  CommandResult overlay_roads(const fs::path& roads, const std::string& extra = {}) const {
    return run_command(std::string(crossaxis_exe) + " overlay --roads " + roads.string() + " " + extra +
                       " --land-use " + sample + " --land-use-layer land_use -o " + out.string());
  }

  // Refused: exit 2, every mention in the message, no output and no temporary file left.
  void expect_refused(const CommandResult& r, const std::vector<std::string>& mentions) const {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << "no '" << m << "' in: " << r.err;
    EXPECT_FALSE(fs::exists(out));
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
  }
  // Repaired: exit 0, an output, and a warning with every mention.
  void expect_repaired(const CommandResult& r, const std::vector<std::string>& mentions) const {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << "no '" << m << "' in: " << r.err;
    EXPECT_TRUE(fs::exists(out));
  }
};

std::vector<FixtureField> road_fields() { return {{"road_id", "String"}, {"class", "String"}, {"width_m", "Real"}, {"lanes", "Integer"}}; }

FixtureFeature road(int i, const std::string& width = "20", const std::string& lanes = "2") {
  const std::string y = std::to_string(3893710 + 40 * i);
  return {"LINESTRING (431680 " + y + ", 431780 " + y + ")", {"R" + std::to_string(i), "branch", width, lanes}};
}

TEST_F(BadCorpus, NonFiniteCoordinatesAreRefusedByFeature) {
  expect_refused(network(bad("roads_nan.geojson")), {"roads_nan.geojson", "feature 0", "NaN or infinite"});
  expect_refused(network(bad("roads_infinity.geojson")), {"roads_infinity.geojson", "feature 1", "NaN or infinite"});
}

TEST_F(BadCorpus, AnUnknownGeoJsonCrsIsNotReadAsWgs84) {
  // GDAL reads a "crs" name it cannot resolve as WGS 84 without a word.
  expect_refused(network(bad("roads_unknown_crs.geojson")), {"roads_unknown_crs.geojson", "LOCAL_GRID_JIAOZUO", "WGS 84"});
  expect_refused(network(bad("roads_unknown_crs.geojson"), "--crs EPSG:4547"), {"roads_unknown_crs.geojson", "LOCAL_GRID_JIAOZUO"});
}

TEST_F(BadCorpus, ZonePrefixedEastingsAreRecognised) {
  expect_refused(network(bad("roads_zone_prefixed.geojson")), {"roads_zone_prefixed.geojson", "zone-prefixed", "EPSG:4526"});
}

TEST_F(BadCorpus, AnEmptyRoadLayerIsRefused) {
  expect_refused(network(bad("roads_empty.geojson")), {"roads_empty.geojson", "no features"});
  // validate says what a run would: the sample's roads and zones with every field but no
  // feature are not usable as roads, and usable as zones.
  const fs::path empty = dir / "empty.gpkg";
  for (const char* layer : {"roads", "zones"}) {
    ASSERT_EQ(run_command(std::string("ogr2ogr -f GPKG ") + (fs::exists(empty) ? "-update " : "") + "-where \"0 = 1\" " + empty.string() + " " + sample + " " + layer).exit_code, 0);
  }
  const std::string validate = std::string(crossaxis_exe) + " validate " + empty.string();
  const auto roads = run_command(validate + " --layer roads --field id=road_id");
  EXPECT_EQ(roads.exit_code, 2) << roads.out;
  EXPECT_NE(roads.out.find("nothing to analyse"), std::string::npos) << roads.out;
  const auto zones = run_command(validate + " --layer zones --field id=zone_id");
  EXPECT_EQ(zones.exit_code, 0) << zones.out;
  // Features that are there but all refused are refused for what is wrong with them.
  const fs::path bogus = dir / "bogus.gpkg";
  write_layer(bogus, "GPKG", "roads", 4547, road_fields(), {road(1), road(2)});
  execute_sql(bogus, "UPDATE roads SET class = 'bogus'");
  const auto refused = run_command(std::string(crossaxis_exe) + " validate --as roads --field id=road_id " + bogus.string());
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_NE(refused.out.find("'bogus'"), std::string::npos) << refused.out;
  EXPECT_EQ(refused.out.find("nothing to analyse"), std::string::npos) << refused.out;
}

TEST_F(BadCorpus, ZeroLengthRoadsAreSkippedAndCounted) {
  expect_repaired(network(bad("roads_zero_length.geojson")),
                  {"roads_zero_length.geojson", "zero-length", "1 feature, skipped; ids 1"});
}

TEST_F(BadCorpus, MultiPartRoadsAreUsed) {
  const auto r = network(bad("roads_multipart.geojson"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out));
}

TEST_F(BadCorpus, WidthsOutOfRangeOrNotNumbersAreRefusedByFeatureAndField) {
  expect_refused(overlay_roads(bad("roads_negative_width.geojson")), {"roads_negative_width.geojson", "feature 0", "field 'width_m'", "-5"});
  expect_refused(overlay_roads(bad("roads_absurd_width.geojson")), {"roads_absurd_width.geojson", "feature 1", "field 'width_m'", "5000"});
  expect_refused(overlay_roads(bad("roads_text_width.geojson")), {"roads_text_width.geojson", "feature 1", "field 'width_m'", "'wide'"});
}

TEST_F(BadCorpus, BowTiePolygonsAreRepairedAndCounted) {
  expect_repaired(overlay_land_use(bad("land_use_bowtie.geojson")), {"land_use_bowtie.geojson", "invalid polygons", "ids 0"});
}

TEST_F(BadCorpus, UnclosedRingsAreClosedAndCounted) {
  // GDAL accepts the ring open (and GEOS would refuse it): closed, and the feature named.
  expect_repaired(overlay_land_use(bad("land_use_unclosed_ring.geojson")), {"land_use_unclosed_ring.geojson", "not closed", "ids 1"});
}

TEST_F(BadCorpus, EmptyRingsAreReadWithoutACrash) {
  // GDAL reads rings of no points (and crashed when asked whether such a ring is closed): an
  // empty hole adds nothing, a polygon whose only ring is empty is an empty geometry.
  const auto input = bad("land_use_empty_ring.geojson");
  const auto checked = run_command(std::string(crossaxis_exe) + " validate --as land_use " + input.string());
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("empty geometry (1 feature, skipped; ids 1)"), std::string::npos) << checked.out;
  const auto r = overlay_land_use(input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // P1, a 200 m square of class 01, lies under a road: its empty hole must take nothing away,
  // so its take equals that of the same square without the hole.
  const auto plain = dir / "plain.geojson";
  write_text(plain, R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[{"type":"Feature","properties":{"parcel_id":"P1","code":"0101"},"geometry":{"type":"Polygon","coordinates":[[[431600,3893600],[431800,3893600],[431800,3893800],[431600,3893800],[431600,3893600]]]}}]})");
  const auto class01 = [&](const fs::path& gpkg) {
    return run_command("sqlite3 " + gpkg.string() + " \"SELECT printf('%.3f', area_m2) FROM land_take_by_class "
                       "WHERE scope = 'existing_roads' AND code = '01'\"").out;
  };
  const std::string with_hole = class01(out);
  fs::remove(out);
  ASSERT_EQ(overlay_land_use(plain).exit_code, 0);
  EXPECT_FALSE(with_hole.empty());
  EXPECT_EQ(with_hole, class01(out));
}

TEST_F(BadCorpus, ScenarioFilesThatCannotBeRunNameTheirFault) {
  const auto run = [&](const std::string& name) {
    return run_command(std::string(crossaxis_exe) + " run " + bad("scenarios/" + name).string() + " -o " + out.string());
  };
  expect_refused(run("malformed.toml"), {"malformed.toml", "line 5", "syntax"});
  expect_refused(run("missing_layer.toml"), {"cross_axis.gpkg", "layer 'roadz'", "no such layer"});
  expect_refused(run("missing_field.toml"), {"layer 'roads'", "field 'red_line_width'"});
  expect_refused(run("wrong_type.toml"), {"wrong_type.toml", "line 6", "network.snap_tolerance_m", "number"});
  // TOML's nan passes every range check (all comparisons with NaN are false).
  expect_refused(run("not_a_number.toml"), {"not_a_number.toml", "line 6", "network.zone_max_snap_m", "finite number"});
  expect_refused(run("missing_source_file.toml"), {"no_such_roads.gpkg", "does not exist"});
}

TEST_F(BadCorpus, NotANumberOnTheCommandLineIsRefused) {
  for (const std::string option : {"--zone-snap nan", "--snap nan", "--speed nan", "--zone-snap inf"}) {
    SCOPED_TRACE(option);
    const auto r = run_command(std::string(crossaxis_exe) + " network --roads " + sample +
                               " --roads-layer roads " + option + " -o " + out.string());
    expect_refused(r, {"is not a number"});
  }
  expect_refused(overlay_roads(fs::path(sample), "--roads-layer roads --width nan"), {"--width", "is not a number"});
  const auto d = run_command(std::string(crossaxis_exe) + " diff --tolerance nan " + sample + " " + sample);
  EXPECT_EQ(d.exit_code, 2) << d.out << d.err;
  EXPECT_NE(d.err.find("is not a number"), std::string::npos) << d.err;
}

// CLI11 reads "-1" into an unsigned option as its largest value: every junction drawn as a zone,
// or no memory limit at all.
TEST_F(BadCorpus, ANegativeCountIsRefused) {
  const auto r = run_command(std::string(crossaxis_exe) + " network --roads " + sample +
                             " --roads-layer roads --sample-zones -1 -o " + out.string());
  expect_refused(r, {"--sample-zones", "'-1' is not a whole number"});
  for (const std::string option : {"--memory-limit -1", "--max-features -5", "--max-vertices 1e3"}) {
    SCOPED_TRACE(option);
    expect_refused(overlay_roads(fs::path(sample), "--roads-layer roads " + option), {"is not a whole number"});
  }
}

TEST_F(BadCorpus, AWorkingCrsThatMismeasuresIsRefusedOrWarnedOf) {
  // Feet would be reported as metres: refused, naming the unit.
  expect_refused(overlay_roads(fs::path(sample), "--roads-layer roads --crs EPSG:2263"),
                 {"in metres", "US survey foot"});
  // Web Mercator is in metres but half as large again in area at 35° N: run, with a warning
  // in the output's diagnostics.
  const auto r = overlay_roads(fs::path(sample), "--roads-layer roads --crs EPSG:3857");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("measures areas"), std::string::npos) << r.err;
  EXPECT_EQ(run_command("sqlite3 " + out.string() +
                        " \"SELECT COUNT(*) FROM diagnostics WHERE code = 'crs.working_scale'\"").out,
            "1\n");
}

TEST_F(BadCorpus, ScenariosThatWouldWriteOneFileOrOutsideTheirFolderAreRefused) {
  const auto scenario = [&](const std::string& file, const std::string& head) {
    write_text(dir / file, head + "\n[layers.roads]\nsource = \"" + sample +
                               "\"\nlayer = \"roads\"\nfields = { id = \"road_id\" }\n"
                               "[layers.land_use]\nsource = \"" + sample + "\"\nlayer = \"land_use\"\n");
    return (dir / file).string();
  };
  const std::string one = scenario("one.toml", "name = \"one\"\noutput = \"out/same.gpkg\"");
  const std::string two = scenario("two.toml", "name = \"two\"\noutput = \"out/../out/same.gpkg\"");
  const auto r = run_command(std::string(crossaxis_exe) + " run " + one + " " + two);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("would both write"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  // The default output is out/<name>.gpkg: a name with a path in it would write elsewhere.
  const std::string escaping = scenario("escaping.toml", "name = \"../escaped\"");
  const auto e = run_command(std::string(crossaxis_exe) + " run " + escaping);
  EXPECT_EQ(e.exit_code, 2) << e.err;
  EXPECT_NE(e.err.find("key 'name'"), std::string::npos) << e.err;
  EXPECT_FALSE(fs::exists(dir / "escaped.gpkg"));
  // A proposal id the layer does not have is named where the file named it (here: add).
  const std::string unknown = scenario("unknown.toml", "name = \"unknown\"\n[layers.proposals]\nsource = \"" +
                                                         sample + "\"\nlayer = \"proposals\"\n"
                                                         "fields = { id = \"road_id\" }\n[proposals]\nadd = [\"nope\"]");
  const auto u = run_command(std::string(crossaxis_exe) + " run -q " + unknown);
  EXPECT_EQ(u.exit_code, 2) << u.err;
  EXPECT_NE(u.err.find("line 7, key 'proposals.add'"), std::string::npos) << u.err;
  EXPECT_NE(u.err.find("'nope'"), std::string::npos) << u.err;
  // With an output of its own, the name is only a label and may hold a slash.
  const std::string labelled = scenario("labelled.toml", "name = \"G1/G2 link\"\noutput = \"labelled.gpkg\"");
  const auto l = run_command(std::string(crossaxis_exe) + " run -q " + labelled);
  EXPECT_EQ(l.exit_code, 0) << l.err;
  EXPECT_TRUE(fs::exists(dir / "labelled.gpkg"));
}

TEST_F(BadCorpus, DiffRefusesAKeyOfNoLayerAndOneFileForTwoOutputs) {
  const std::string diff = std::string(crossaxis_exe) + " diff " + sample + " " + sample;
  const auto typo = run_command(diff + " --key no_such_field");
  EXPECT_EQ(typo.exit_code, 2) << typo.out << typo.err;
  EXPECT_NE(typo.err.find("'no_such_field'"), std::string::npos) << typo.err;
  EXPECT_EQ(run_command(diff + " --key road_id").exit_code, 0);  // a key of one layer is enough
  // -q quiets stderr, as for every command: the summary asked for still comes on stdout.
  EXPECT_NE(run_command(std::string(crossaxis_exe) + " diff -q " + sample + " " + sample).out.find("same"),
            std::string::npos);
  const auto same = run_command(diff + " -o " + out.string() + " --report " + (dir / "." / "out.gpkg").string());
  EXPECT_EQ(same.exit_code, 2) << same.err;
  EXPECT_NE(same.err.find("same file"), std::string::npos) << same.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(BadCorpus, AnOutputThatIsAnInputIsRefusedAndTheInputKept) {
  const std::string before = read_text(sample);
  const auto r = run_command(std::string(crossaxis_exe) + " run " + bad("scenarios/output_is_input.toml").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("would overwrite the input"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(sample), before);
}

TEST_F(BadCorpus, InputsAreReadNotChanged) {
  // GDAL opens them read-only: no byte, time stamp or SQLite side file (-wal, -shm, -journal)
  // changes beside them, whether the run succeeds or is refused.
  const fs::path input_dir = dir / "inputs";
  fs::create_directories(input_dir);
  fs::copy_file(sample, input_dir / "cross_axis.gpkg");
  const auto before_time = fs::last_write_time(input_dir / "cross_axis.gpkg");
  const std::string before = read_text(input_dir / "cross_axis.gpkg");
  const std::string gpkg = (input_dir / "cross_axis.gpkg").string();
  const auto ok = run_command(std::string(crossaxis_exe) + " overlay -q --roads " + gpkg + " --roads-layer roads --land-use " +
                              gpkg + " --land-use-layer land_use -o " + out.string());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  const auto refused = run_command(std::string(crossaxis_exe) + " overlay -q --roads " + gpkg +
                                   " --roads-layer roads --land-use " + gpkg + " --land-use-layer zones -o " + (dir / "x.gpkg").string());
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_EQ(read_text(input_dir / "cross_axis.gpkg"), before);
  EXPECT_EQ(fs::last_write_time(input_dir / "cross_axis.gpkg"), before_time);
  EXPECT_EQ(std::distance(fs::directory_iterator(input_dir), fs::directory_iterator{}), 1);
}

TEST_F(BadCorpus, AnOutputThatCannotBeWrittenIsRefused) {
  write_text(dir / "a_file", "not a directory");
  const auto r = run_command(std::string(crossaxis_exe) + " network --speed 36 --roads " +
                             bad("roads_multipart.geojson").string() + " -o " + (dir / "a_file" / "out.gpkg").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("a_file/out.gpkg"), std::string::npos) << r.err;
}

// --- binary cases, made here ------------------------------------------------------------------

TEST_F(BadCorpus, TextInANumericGeoPackageColumnIsNotReadAsANumber) {
  // SQLite keeps 'abc' in a REAL column; GDAL reads it as 0, '3.0 m' as 3, 2.5 as 2 in an INTEGER one.
  const fs::path roads = dir / "roads.gpkg";
  write_layer(roads, "GPKG", "roads", 4547, road_fields(), {road(1), road(2), road(3)});
  execute_sql(roads, "UPDATE roads SET width_m = 'abc' WHERE fid = 2");
  expect_refused(overlay_roads(roads), {"roads.gpkg", "layer 'roads'", "feature 2", "field 'width_m'", "'abc'"});
  execute_sql(roads, "UPDATE roads SET width_m = '3.0 m' WHERE fid = 2");
  expect_refused(overlay_roads(roads), {"feature 2", "field 'width_m'", "'3.0 m'"});
  execute_sql(roads, "UPDATE roads SET width_m = 20, lanes = 2.5 WHERE fid = 2");
  expect_refused(overlay_roads(roads), {"feature 2", "field 'lanes'", "2.5"});
  execute_sql(roads, "UPDATE roads SET lanes = 2.0 WHERE fid = 2");  // a whole number stored as real is fine
  EXPECT_EQ(overlay_roads(roads).exit_code, 0);
  // Wider than the 32-bit column GDAL declared (MEDIUMINT): GDAL reads 2^32 + 2 as 2.
  fs::remove(out);
  execute_sql(roads, "UPDATE roads SET lanes = 4294967298 WHERE fid = 2");
  expect_refused(overlay_roads(roads), {"feature 2", "field 'lanes'", "4294967298"});
  execute_sql(roads, "UPDATE roads SET lanes = 2, width_m = 1e-300 WHERE fid = 2");
  expect_refused(overlay_roads(roads), {"feature 2", "field 'width_m'", "out of range"});
}

TEST_F(BadCorpus, AGarbledCoordinateOrGeometryIsRefusedNamingItsFeature) {
  // One stray 1e300 among sane coordinates: the layer's extent is refused, naming the feature.
  const fs::path far = dir / "far.gpkg";
  write_layer(far, "GPKG", "roads", 4547, road_fields(),
              {road(1), {"LINESTRING (431680 3893750, 1e300 3893750)", {"R2", "branch", "20", "2"}}, road(3)});
  expect_refused(overlay_roads(far), {"layer 'roads'", "feature 2", "beyond any place on Earth"});
  // A geometry blob GDAL cannot read (cut short after the GeoPackage header and WKB type).
  const fs::path cut = dir / "cut.gpkg";
  write_layer(cut, "GPKG", "roads", 4547, road_fields(), {road(1), road(2), road(3)});
  execute_sql(cut, "UPDATE roads SET geom = X'4750000100000000010200000002' WHERE fid = 2");
  expect_refused(overlay_roads(cut), {"layer 'roads'", "feature 2", "geometry"});
}

// A Shapefile whose first field is declared numeric (N) in the DBF but holds `values` as text.
fs::path shapefile_with_numeric_text(const fs::path& dir, const std::vector<std::string>& values) {
  const fs::path shp = dir / "roads.shp";
  std::vector<FixtureFeature> features;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string y = std::to_string(3893710 + 40 * i);
    features.push_back({"LINESTRING (431680 " + y + ", 431780 " + y + ")", {values[i], "branch"}});
  }
  write_layer(shp, "ESRI Shapefile", "roads", 4547, {{"width_m", "String"}, {"class", "String"}}, features);
  std::string dbf = read_text(dir / "roads.dbf");
  dbf[32 + 11] = 'N';  // the first field descriptor's type
  write_text(dir / "roads.dbf", dbf);
  return shp;
}

TEST_F(BadCorpus, TextInANumericShapefileFieldIsNotReadAsANumber) {
  expect_refused(overlay_roads(shapefile_with_numeric_text(dir.path(), {"12.5", "abc"})),
                 {"roads.shp", "feature 1", "field 'width_m'", "'abc'"});
  expect_refused(overlay_roads(shapefile_with_numeric_text(dir.path(), {"3.0 m", "12.5"})),
                 {"roads.shp", "feature 0", "field 'width_m'", "'3.0 m'"});
  EXPECT_EQ(overlay_roads(shapefile_with_numeric_text(dir.path(), {"12.5", "20"})).exit_code, 0);
}

TEST_F(BadCorpus, AShapefileWithoutItsDbfIsRefused) {
  const fs::path shp = shapefile_with_numeric_text(dir.path(), {"12.5"});
  fs::remove(dir / "roads.dbf");
  expect_refused(network(shp), {"roads.shp", ".dbf"});
}

TEST_F(BadCorpus, NonUtf8TextIsRefusedUnlessItsEncodingIsGiven) {
  // A GBK Shapefile without .cpg and without a code page in its header, as CAD exports write them.
  write_layer(dir / "roads.shp", "ESRI Shapefile", "roads", 4547, {{"road_id", "String"}, {"name", "String"}, {"class", "String"}},
              {{"LINESTRING (431680 3893710, 431780 3893710)", {"R1", "XXXXXX", "branch"}}});
  fs::remove(dir / "roads.cpg");
  std::string dbf = read_text(dir / "roads.dbf");
  dbf.replace(dbf.find("XXXXXX"), 6, "\xC3\xF1\xD6\xF7\xC2\xB7");  // 民主路 in GBK
  dbf[29] = '\0';                                                      // no language driver id
  write_text(dir / "roads.dbf", dbf);
  expect_refused(network(dir / "roads.shp"), {"roads.shp", "feature 0", "field 'name'", "not UTF-8", "\\xC3\\xF1"});

  write_text(dir / "gbk.toml", "name = \"gbk\"\nworking_crs = \"EPSG:4547\"\noutput = \"" + out.string() +
                                   "\"\n[layers.roads]\nsource = \"roads.shp\"\nencoding = \"GBK\"\n"
                                   "fields = { id = \"road_id\" }\n[layers.land_use]\nsource = \"" + sample +
                                   "\"\nlayer = \"land_use\"\n");
  const auto r = run_command(std::string(crossaxis_exe) + " run -q " + (dir / "gbk.toml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto names = run_command("ogrinfo -q -ro " + out.string() + " row");
  EXPECT_NE(names.out.find("民主路"), std::string::npos) << names.out << names.err;
  // An encoding iconv does not know is refused at its key, not read as bytes kept as they are.
  std::string typo = read_text(dir / "gbk.toml");
  typo.replace(typo.find("\"GBK\""), 5, "\"GKB\"");
  write_text(dir / "typo.toml", typo);
  fs::remove(out);
  expect_refused(run_command(std::string(crossaxis_exe) + " run -q " + (dir / "typo.toml").string()),
                 {"typo.toml", "line 6", "layers.roads.encoding", "'GKB'"});
  const auto validate = run_command(std::string(crossaxis_exe) + " validate --as roads --encoding GKB " +
                                    (dir / "roads.shp").string());
  EXPECT_EQ(validate.exit_code, 2) << validate.out << validate.err;
  EXPECT_NE((validate.out + validate.err).find("'GKB'"), std::string::npos) << validate.out << validate.err;
}

TEST_F(BadCorpus, MeasuredAndThreeDimensionalLinesAreUsedInPlan) {
  write_layer(dir / "m.gpkg", "GPKG", "roads", 4547, {{"road_id", "String"}, {"class", "String"}},
              {{"LINESTRING M (431680 3893710 0, 431780 3893710 5)", {"R1", "branch"}},
               {"LINESTRING Z (431780 3893710 80, 431880 3893710 81)", {"R2", "branch"}}});
  const auto r = network(dir / "m.gpkg", "-v");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto length = run_command("ogrinfo -q -ro -sql \"SELECT SUM(length_m) AS total FROM network_edges WHERE network = 'baseline'\" " + out.string());
  EXPECT_NE(length.out.find("total (Real) = 200"), std::string::npos) << length.out << length.err;
}

// --- size: no blow-up on pathological inputs, and limits that stop before memory runs out ---

constexpr double circle_x = 431700.0;  // in the sample area
constexpr double circle_y = 3893700.0;
constexpr double radius = 500.0;

// One circular land-use parcel of `n` vertices, and one 20 m road through its centre, longer
// than the circle.
void write_circle_and_road(const fs::path& dir, std::size_t n) {
  std::string wkt = "POLYGON ((";
  wkt.reserve(n * 36);
  char buffer[64];
  for (std::size_t i = 0; i <= n; ++i) {
    const double a = 2.0 * M_PI * static_cast<double>(i % n) / static_cast<double>(n);
    std::snprintf(buffer, sizeof buffer, "%.4f %.4f%s", circle_x + radius * std::cos(a),
                  circle_y + radius * std::sin(a), i == n ? "))" : ", ");
    wkt += buffer;
  }
  write_layer(dir / "land_use.gpkg", "GPKG", "land_use", 4547, {{"parcel_id", "String"}, {"code", "String"}},
              {{wkt, {"P1", "0101"}}});
  write_layer(dir / "road.gpkg", "GPKG", "roads", 4547, {{"road_id", "String"}, {"class", "String"}, {"width_m", "Real"}},
              {{"LINESTRING (431100 3893700, 432300 3893700)", {"R1", "branch", "20"}}});
}

TEST_F(BadCorpus, AMillionVertexParcelIsComputedExactlyAndCanBeLimited) {
  write_circle_and_road(dir.path(), 1'000'000);
  const std::string overlay = std::string(crossaxis_exe) + " overlay -q --roads " + (dir / "road.gpkg").string() +
                              " --land-use " + (dir / "land_use.gpkg").string() + " -o " + out.string();
  const auto r = run_command(overlay);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The strip |y| < 10 of a disc of radius r: 2 (h sqrt(r² - h²) + r² asin(h / r)), h = 10.
  const double h = 10.0;
  const double strip = 2.0 * (h * std::sqrt(radius * radius - h * h) + radius * radius * std::asin(h / radius));
  const auto area = run_command("ogrinfo -q -ro -sql \"SELECT SUM(area_m2) AS a FROM land_take\" " + out.string());
  const auto at = area.out.find("a (Real) = ");
  ASSERT_NE(at, std::string::npos) << area.out << area.err;
  EXPECT_NEAR(std::stod(area.out.substr(at + 11)), strip, 0.01);

  fs::remove(out);
  expect_refused(run_command(overlay + " --max-vertices 100000"),
                 {"land_use.gpkg", "layer 'land_use'", "feature 1", "1000001 vertices", "--max-vertices"});
  expect_refused(run_command(overlay + " --max-input-mb 1"), {"land_use.gpkg", "MB", "--max-input-mb"});
}

TEST_F(BadCorpus, AFeatureLimitStopsReadingALayer) {
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547, road_fields(), {road(1), road(2), road(3)});
  expect_refused(network(dir / "roads.gpkg", "--max-features 2"), {"roads.gpkg", "more than 2 features", "--max-features"});
  EXPECT_EQ(network(dir / "roads.gpkg", "--max-features 3").exit_code, 0);
}

TEST_F(BadCorpus, TwoThousandRoadsMeetingAtOnePointMakeOneJunction) {
  // A star: every road starts at the same point. Work must grow with the roads, not their square.
  // (Outer ends 6 m apart: closer than the 1 m snap they would join, one to the next.)
  constexpr int spokes = 2000;
  std::vector<FixtureFeature> roads;
  char buffer[96];
  for (int i = 0; i < spokes; ++i) {
    const double a = 2.0 * M_PI * i / spokes;
    std::snprintf(buffer, sizeof buffer, "LINESTRING (431700 3893700, %.3f %.3f)", 431700 + 2000 * std::cos(a),
                  3893700 + 2000 * std::sin(a));
    roads.push_back({buffer, {"S" + std::to_string(i), "branch"}});
  }
  write_layer(dir / "star.gpkg", "GPKG", "roads", 4547, {{"road_id", "String"}, {"class", "String"}}, roads);
  const auto r = network(dir / "star.gpkg", "-q --sample-zones 50");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto nodes = run_command("ogrinfo -q -ro -sql \"SELECT COUNT(*) AS n, MAX(degree) AS d FROM network_nodes "
                                 "WHERE network = 'baseline'\" " + out.string());
  EXPECT_NE(nodes.out.find("n (Integer) = 2001"), std::string::npos) << nodes.out << nodes.err;
  EXPECT_NE(nodes.out.find("d (Integer) = 2000"), std::string::npos) << nodes.out << nodes.err;
}

// --- crossaxis validate: the same findings, all of them, without running ----------------------

CommandResult validate(const std::string& args) { return run_command(std::string(crossaxis_exe) + " validate " + args); }

TEST(Validate, TheSampleScenarioIsUsableLayerByLayer) {
  const auto r = validate(source_path("scripts/scenarios/baseline.toml").string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* layer : {"land_use", "roads", "zones", "facilities", "river_lines", "river_areas", "eco_corridor",
                            "constraints", "proposals"}) {
    EXPECT_NE(r.out.find(std::string("layer '") + layer + "' as " + layer), std::string::npos) << layer << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("layer 'land_use' as land_use, EPSG:4547, 1600 usable features: usable"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("NOT usable"), std::string::npos) << r.out;
}

TEST(Validate, ReportsEveryRefusedFeatureNotOnlyTheFirst) {
  const auto r = validate(data_path("bad/roads_many_faults.geojson").string() + " --as roads --field id=road_id");
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("NOT usable"), std::string::npos) << r.out;
  for (const char* finding : {"field 'width_m': width_m -5 is out of range", "(1 feature, refused; ids 0)",
                              "field 'class': road class 'lane'", "(2 features, refused; ids 1, 3)",
                              "field 'width_m': width_m 5000", "ids 2)", "duplicate id 'R4'", "ids 4)"}) {
    EXPECT_NE(r.out.find(finding), std::string::npos) << finding << "\n" << r.out;
  }
}

TEST(Validate, RepairsAreListedAndTheLayerStaysUsable) {
  const auto bowtie = validate(data_path("bad/land_use_bowtie.geojson").string() + " --as land_use --field id=parcel_id");
  EXPECT_EQ(bowtie.exit_code, 0) << bowtie.out << bowtie.err;
  EXPECT_NE(bowtie.out.find("repair/skip: "), std::string::npos) << bowtie.out;
  EXPECT_NE(bowtie.out.find("invalid polygons (1 feature, repaired with MakeValid; ids 0)"), std::string::npos) << bowtie.out;
  const auto strict = validate(data_path("bad/land_use_bowtie.geojson").string() + " --as land_use --on-invalid fail");
  EXPECT_EQ(strict.exit_code, 2) << strict.out;
  EXPECT_NE(strict.out.find("Self-intersection"), std::string::npos) << strict.out;
}

TEST(Validate, LayerLevelRefusalsAndGenericChecks) {
  const auto crs = validate(data_path("bad/roads_unknown_crs.geojson").string());
  EXPECT_EQ(crs.exit_code, 2);
  EXPECT_NE(crs.out.find("refuse: "), std::string::npos) << crs.out;
  EXPECT_NE(crs.out.find("LOCAL_GRID_JIAOZUO"), std::string::npos) << crs.out;
  // Declaring the CRS makes it readable (then the degrees are checked against it).
  const auto declared = validate(data_path("bad/roads_unknown_crs.geojson").string() + " --crs EPSG:4490");
  EXPECT_EQ(declared.exit_code, 0) << declared.out;
  // No type: geometry, coordinates and CRS are still checked.
  const auto nan = validate(data_path("bad/roads_nan.geojson").string());
  EXPECT_EQ(nan.exit_code, 2);
  EXPECT_NE(nan.out.find("(no type: generic checks)"), std::string::npos) << nan.out;
  EXPECT_NE(nan.out.find("NaN or infinite coordinates (1 feature, refused; ids 0)"), std::string::npos) << nan.out;
  // A source that cannot be opened is an error of the command.
  const auto missing = validate("no_such_file.gpkg");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no_such_file.gpkg"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace cx::test
