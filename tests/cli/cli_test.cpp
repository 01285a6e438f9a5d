// The crossaxis executable as users run it: exit codes, messages and what it leaves on disk.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <numbers>
#include <sstream>

#include <fmt/format.h>

#include "test_support.hpp"

namespace cx::test {
namespace {

std::string exe() { return std::string(crossaxis_exe); }

// A scenario over the sample data, with its layer sources replaced where a test says so.
std::string scenario_text(const std::string& roads_source, const std::string& extra = {}) {
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  return "name = \"t\"\noutput = \"result.gpkg\"\n" + extra +
         "[layers.land_use]\nsource = \"" + sample +
         "\"\nlayer = \"land_use\"\nfields = { id = \"parcel_id\" }\n"
         "[layers.roads]\nsource = \"" + roads_source + "\"\n"
         "[layers.zones]\nsource = \"" + sample +
         "\"\nlayer = \"zones\"\nfields = { id = \"zone_id\" }\n";
}

class CliTest : public ::testing::Test {
protected:
  TempDir dir;
  CommandResult run_scenario(const std::string& text) {
    write_text(dir / "s.toml", text);
    return run_command(exe() + " run -q " + (dir / "s.toml").string());
  }
  void expect_input_error(const CommandResult& r, const std::vector<std::string>& mentions) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "result.gpkg"));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
    }
  }
};

TEST_F(CliTest, VersionAndHelp) {
  const auto version = run_command(exe() + " --version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("crossaxis ", 0), 0U) << version.out;
  const auto help = run_command(exe() + " run --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--output"), std::string::npos);
  const auto top = run_command(exe() + " --help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("run"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_command(exe()).exit_code, 2);
  EXPECT_EQ(run_command(exe() + " run").exit_code, 2);
  EXPECT_EQ(run_command(exe() + " frobnicate").exit_code, 2);
}

TEST_F(CliTest, RunsEverySampleScenarioAndPrintsASummary) {
  for (const char* name : {"baseline", "minzhu_south", "shenzhou_west", "shanyang_link"}) {
    SCOPED_TRACE(name);
    const auto out = dir / (std::string(name) + ".gpkg");
    const auto r = run_command(exe() + " run -q " +
                               source_path(std::string("scripts/scenarios/") + name + ".toml").string() +
                               " -o " + out.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_TRUE(std::filesystem::exists(out));
    EXPECT_NE(r.out.find("(" + std::string(name) + ")"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("mu (亩)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("change in mean zone-to-zone travel time"), std::string::npos) << r.out;
  }
}

TEST_F(CliTest, MissingInputFileIsNamed) {
  const auto missing = (dir / "nowhere.gpkg").string();
  expect_input_error(run_scenario(scenario_text(missing)), {missing, "does not exist"});
}

// With two inputs missing, the first in layer-type order (land use before roads) is named,
// whatever order the layers are read in.
TEST_F(CliTest, OfTwoMissingInputsTheLandUseIsNamedFirst) {
  const auto land = (dir / "no_land_use.gpkg").string();
  const auto roads = (dir / "no_roads.gpkg").string();
  std::string text = scenario_text(roads);
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  text.replace(text.find(sample), sample.size(), land);  // the land use's source comes first
  const auto r = run_scenario(text);
  expect_input_error(r, {land, "does not exist"});
  EXPECT_EQ(r.err.find(roads), std::string::npos) << r.err;
}

TEST_F(CliTest, LayerWithoutCrsIsNamed) {
  write_layer(dir / "roads.shp", "ESRI Shapefile", "roads", std::nullopt, {{"class", "String"}},
              {{"LINESTRING (431680 3893710, 431680 3894710)", {"arterial"}}});
  expect_input_error(run_scenario(scenario_text((dir / "roads.shp").string())),
                     {"roads.shp", "layer 'roads'", "no coordinate reference system"});
}

// An ad hoc run's --crs is the working CRS, and also the CRS of a layer that states none (a
// Shapefile without .prj; a GeoPackage with srs_id 0 or -1, "undefined"), with a warning; a
// layer that states one keeps it.
TEST_F(CliTest, AdHocCrsIsTheCrsOfALayerThatStatesNone) {
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  write_layer(dir / "roads.shp", "ESRI Shapefile", "roads", std::nullopt, {{"class", "String"}},
              {{"LINESTRING (431680 3893710, 431680 3894710)", {"arterial"}}});
  const std::string overlay = exe() + " overlay --roads " + (dir / "roads.shp").string() +
                              " --land-use " + sample + " --land-use-layer land_use";
  const auto without = run_command(overlay + " -o " + (dir / "a.gpkg").string());
  EXPECT_EQ(without.exit_code, 2) << without.err;
  EXPECT_NE(without.err.find("--crs"), std::string::npos) << without.err;
  const auto with = run_command(overlay + " --crs EPSG:4547 -o " + (dir / "b.gpkg").string());
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_NE(with.err.find("states no CRS; read as in EPSG:4547"), std::string::npos) << with.err;
  // The same line in a GeoPackage whose srs_id is -1 (GDAL reads "Undefined Cartesian SRS").
  ASSERT_EQ(run_command("ogr2ogr -f GPKG -a_srs EPSG:4547 " + (dir / "undefined.gpkg").string() + " " +
                        (dir / "roads.shp").string()).exit_code, 0);
  execute_sql(dir / "undefined.gpkg",
              "UPDATE gpkg_geometry_columns SET srs_id = -1; UPDATE gpkg_contents SET srs_id = -1");
  const auto undefined = run_command(exe() + " overlay --roads " + (dir / "undefined.gpkg").string() +
                                     " --land-use " + sample + " --land-use-layer land_use --crs EPSG:4547 -o " +
                                     (dir / "c.gpkg").string());
  ASSERT_EQ(undefined.exit_code, 0) << undefined.err;
  EXPECT_NE(undefined.err.find("states no CRS"), std::string::npos) << undefined.err;
  // The same land take either way.
  const auto take = [](const std::filesystem::path& gpkg) {
    return run_command("sqlite3 " + gpkg.string() + " \"SELECT printf('%.3f', area_m2) FROM land_take_by_class "
                       "WHERE scope = 'existing_roads' AND code = 'total'\"").out;
  };
  EXPECT_FALSE(take(dir / "b.gpkg").empty());
  EXPECT_EQ(take(dir / "b.gpkg"), take(dir / "c.gpkg"));
}

TEST_F(CliTest, TextInTheRedLineWidthFieldIsNamed) {
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547,
              {{"class", "String"}, {"width_m", "String"}},
              {{"LINESTRING (431680 3893710, 431680 3894710)", {"arterial", "40"}},
               {"LINESTRING (431680 3894710, 432680 3894710)", {"arterial", "forty"}}});
  expect_input_error(run_scenario(scenario_text((dir / "roads.gpkg").string())),
                     {"roads.gpkg", "layer 'roads'", "feature 2", "field 'width_m'", "'forty'"});
}

TEST_F(CliTest, UnknownScenarioKeyIsNamedWithItsLine) {
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  expect_input_error(run_scenario(scenario_text(sample, "colour = \"red\"\n")),
                     {"s.toml", "line 3", "key 'colour'", "unknown key"});
}

TEST_F(CliTest, OutputThatWouldOverwriteAnInputIsRefused) {
  std::filesystem::copy_file(source_path("sample_data/cross_axis.gpkg"), dir / "copy.gpkg");
  const std::string before = read_text(dir / "copy.gpkg");
  write_text(dir / "s.toml", scenario_text((dir / "copy.gpkg").string()));
  const auto r = run_command(exe() + " run -q " + (dir / "s.toml").string() + " -o " +
                             (dir / "copy.gpkg").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("overwrite the input"), std::string::npos) << r.err;
  EXPECT_EQ(read_text(dir / "copy.gpkg"), before);
}

TEST_F(CliTest, DiffExitsZeroWhenTheSameOneWhenDifferentTwoOnBadInput) {
  const std::vector<FixtureField> fields{{"site_key", "String"}, {"value", "Real"}};
  write_layer(dir / "a.gpkg", "GPKG", "sites", 4547, fields, {{"POINT (1 1)", {"S1", "1"}}});
  write_layer(dir / "b.gpkg", "GPKG", "sites", 4547, fields, {{"POINT (1 1)", {"S1", "2"}}});
  const std::string a = (dir / "a.gpkg").string(), b = (dir / "b.gpkg").string();
  auto r = run_command(exe() + " diff " + a + " " + a);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  r = run_command(exe() + " diff " + a + " " + b + " --format jsonl --report " + (dir / "d" / "r.md").string() +
                  " -o " + (dir / "d" / "d.gpkg").string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find(R"({"layer":"sites","key":"S1","change":"modified")"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir / "d" / "r.md"));
  EXPECT_TRUE(std::filesystem::exists(dir / "d" / "d.gpkg"));
  r = run_command(exe() + " diff " + a + " " + (dir / "missing.gpkg").string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = run_command(exe() + " diff " + a + " " + b + " -o " + a);  // never over an input
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(run_command(exe() + " diff " + a + " " + a).exit_code, 0);  // a is untouched
}

TEST_F(CliTest, CheckReRunsAndComparesWithoutTouchingTheOutput) {
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  write_text(dir / "s.toml", "name = \"t\"\noutput = \"result.gpkg\"\n"
                             "[layers.land_use]\nsource = \"" + sample + "\"\nlayer = \"land_use\"\n"
                             "fields = { id = \"parcel_id\" }\n"
                             "[layers.roads]\nsource = \"" + sample + "\"\nlayer = \"roads\"\n"
                             "fields = { id = \"road_id\" }\n");
  const std::string scenario = (dir / "s.toml").string();
  // Nothing to compare with yet.
  auto r = run_command(exe() + " run -q --check " + scenario);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("run the scenario first"), std::string::npos) << r.err;

  ASSERT_EQ(run_command(exe() + " run -q " + scenario).exit_code, 0);
  const std::string written = read_text(dir / "result.gpkg");
  r = run_command(exe() + " run -q --check " + scenario);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("identical"), std::string::npos) << r.out;
  EXPECT_EQ(read_text(dir / "result.gpkg"), written);

  // An output changed since (here: a value edited by hand) no longer matches a re-run.
  ASSERT_EQ(run_command("sqlite3 " + (dir / "result.gpkg").string() +
                        " \"UPDATE run_metadata SET value = 'edited' WHERE key = 'scenario.name'\"").exit_code, 0);
  const std::string edited = read_text(dir / "result.gpkg");
  r = run_command(exe() + " run -q --check " + scenario);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("DIFFERENT"), std::string::npos) << r.out;
  EXPECT_EQ(read_text(dir / "result.gpkg"), edited);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".check-"), std::string::npos) << entry.path();
  }
}

// The land take is written in piece-key order ("road|parcel"), which SQLite's own comparison
// of the keys must confirm, also when a road id runs on into another's '|' so that one road's
// pieces fall before and after the other's ("a|b0" < "a|b|b0" < "a|b|z" < "a|z").
TEST(OverlayCommand, WritesLandTakeInKeyOrderWhateverTheIds) {
  TempDir dir;
  const auto square = [](double x) {
    return "POLYGON((" + std::to_string(431000 + x) + " 3893000," + std::to_string(431100 + x) +
           " 3893000," + std::to_string(431100 + x) + " 3893100," + std::to_string(431000 + x) +
           " 3893100," + std::to_string(431000 + x) + " 3893000))";
  };
  write_layer(dir / "in.gpkg", "GPKG", "land_use", 4547, {{"id", "String"}, {"code", "String"}},
              {{square(0), {"b0", "0101"}}, {square(100), {"z", "0301"}}});
  const auto across = [](double y) {
    return "LINESTRING(430990 " + std::to_string(3893000 + y) + ",431210 " + std::to_string(3893000 + y) + ")";
  };
  write_layer(dir / "in.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{across(20), {"a"}}, {across(50), {"a|b"}}, {across(80), {"a0"}}});
  const auto r = run_command(exe() + " overlay -q --roads " + (dir / "in.gpkg").string() +
                             " --roads-layer roads --land-use " + (dir / "in.gpkg").string() +
                             " --land-use-layer land_use --width 10 -o " + (dir / "out.gpkg").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto keys = run_command("sqlite3 " + (dir / "out.gpkg").string() +
                                " \"SELECT piece_key FROM land_take ORDER BY fid\"");
  // Works are keyed "road:ID".
  EXPECT_EQ(keys.out, "road:a0|b0\nroad:a0|z\nroad:a|b0\nroad:a|b|b0\nroad:a|b|z\nroad:a|z\n");
  const auto unordered = run_command(
      "sqlite3 " + (dir / "out.gpkg").string() +
      " \"SELECT count(*) FROM land_take x JOIN land_take y ON y.fid = x.fid + 1 "
      "WHERE y.piece_key <= x.piece_key\"");
  EXPECT_EQ(unordered.out, "0\n");
}

// A run reads only the land use its roads can reach (no right-of-way reaches farther than
// 5 x 100 m, the mitre limit times the widest red line allowed), so a survey far larger than
// the roads costs nothing beyond them, and a bad parcel 20 km away does not stop the run.
// Parcels within reach are still read and checked; the same holds with the land use in another
// CRS (the box is taken into it).
TEST(OverlayCommand, ReadsOnlyTheLandUseItsRoadsCanReach) {
  TempDir dir;
  const auto square = [](double x, double y, double side) {
    const auto p = [](double a, double b) { return std::to_string(a) + " " + std::to_string(b); };
    return "POLYGON((" + p(x, y) + "," + p(x + side, y) + "," + p(x + side, y + side) + "," +
           p(x, y + side) + "," + p(x, y) + "))";
  };
  // A 3 x 3 grid of 100 m parcels, and a bad code ("9999") either 20 km away or 300 m away.
  const auto land_use = [&](const std::filesystem::path& path, double bad_x) {
    std::vector<FixtureFeature> parcels;
    for (int i = 0; i < 9; ++i) {
      parcels.push_back({square(431000 + 100 * (i % 3), 3893000 + 100 * (i / 3), 100),
                         {"G" + std::to_string(i), i % 2 == 0 ? "0101" : "0701"}});
    }
    parcels.push_back({square(bad_x, 3893500, 50), {"BAD", "9999"}});
    parcels.push_back({square(bad_x + 100, 3893500, 50), {"FAR", "0101"}});
    write_layer(path, "GPKG", "land_use", 4547, {{"id", "String"}, {"code", "String"}}, parcels);
  };
  // One road of 20 m across the middle row, 50 m beyond the grid at each end.
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(430950 3893150,431350 3893150)", {"R"}}});
  const auto overlay = [&](const std::filesystem::path& land, const std::string& out,
                           const std::string& roads = "roads.gpkg") {
    return run_command(exe() + " overlay -q --roads " + (dir / roads).string() +
                       " --roads-layer roads --land-use " + land.string() +
                       " --land-use-layer land_use --width 20 -o " + (dir / out).string());
  };
  const auto classed_m2 = [&](const std::string& out) {
    return std::stod(run_command("sqlite3 " + (dir / out).string() +
                                 " \"SELECT SUM(area_m2) FROM land_take\"").out);
  };
  // The land use as the run records it: "path|layer|N features|CRS", N the parcels read.
  const auto read_count = [&](const std::string& out) {
    const std::string value = run_command("sqlite3 " + (dir / out).string() +
                                          " \"SELECT value FROM run_metadata WHERE key = 'input.land_use'\"").out;
    const auto end = value.find(" features");
    const auto start = value.rfind('|', end);
    return end == std::string::npos || start == std::string::npos ? std::string() : value.substr(start + 1, end - start - 1);
  };

  land_use(dir / "far.gpkg", 451000);
  auto r = overlay(dir / "far.gpkg", "far_out.gpkg");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(classed_m2("far_out.gpkg"), 300.0 * 20.0, 1e-6);  // the grid is 300 m wide
  EXPECT_EQ(read_count("far_out.gpkg"), "9");

  // The roads' GeoPackage states an extent out of date (a tool changed the lines without
  // updating it): the land use read within its reach is read again within the lines'.
  std::filesystem::copy_file(dir / "roads.gpkg", dir / "roads_stale.gpkg");
  ASSERT_EQ(run_command("sqlite3 " + (dir / "roads_stale.gpkg").string() +
                        " \"UPDATE gpkg_contents SET min_x = 460000, max_x = 460100, min_y = 3893000, "
                        "max_y = 3893100 WHERE table_name = 'roads'\"").exit_code, 0);
  r = overlay(dir / "far.gpkg", "stale_out.gpkg", "roads_stale.gpkg");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(classed_m2("stale_out.gpkg"), 300.0 * 20.0, 1e-6);
  EXPECT_EQ(read_count("stale_out.gpkg"), "9");

  land_use(dir / "near.gpkg", 431400);
  r = overlay(dir / "near.gpkg", "near_out.gpkg");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("9999"), std::string::npos) << r.err;

  ASSERT_EQ(run_command("ogr2ogr -t_srs EPSG:4326 " + (dir / "far4326.gpkg").string() + " " +
                        (dir / "far.gpkg").string()).exit_code, 0);
  r = overlay(dir / "far4326.gpkg", "far4326_out.gpkg");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(classed_m2("far4326_out.gpkg"), 300.0 * 20.0, 1e-3);
  EXPECT_EQ(read_count("far4326_out.gpkg"), "9");

  // Roads beyond reach of every parcel: the whole layer is read after all (an empty read would
  // look like an empty layer), and the take is all unclassified.
  write_layer(dir / "roads_away.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(470000 3893150,470400 3893150)", {"R"}}});
  r = overlay(dir / "far.gpkg", "nothing_near.gpkg", "roads_away.gpkg");
  EXPECT_NE(r.exit_code, 0);  // so the bad code far away is read, and refused
  EXPECT_NE(r.err.find("9999"), std::string::npos) << r.err;
}

// --memory-limit reads the land use in chunks, with the same results: on the sample data (1600
// parcels, 7 chunks at 1 MB), and with roads beyond every parcel, where the whole layer is read
// after all (chunk by chunk) and the take is all unclassified.
TEST(OverlayCommand, MemoryLimitReadsTheLandUseInChunksWithTheSameResults) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  write_layer(dir / "away.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(470000 3893150,470400 3893150)", {"R"}}});
  const auto overlay = [&](const std::string& roads, const std::string& out, const std::string& more) {
    return run_command(exe() + " overlay -q --roads " + roads + " --roads-layer roads --land-use " + sample +
                       " --land-use-layer land_use --width 20 -o " + (dir / out).string() + more);
  };
  // The tables, and what the run says it read (path, layer, count, CRS, fingerprint).
  const auto dump = [&](const std::string& out) {
    return run_command("sqlite3 " + (dir / out).string() +
                       " \"SELECT * FROM land_take; SELECT * FROM land_take_by_class; "
                       "SELECT * FROM run_metadata WHERE key LIKE 'input.%'\"").out;
  };
  for (const std::string& roads : {sample, (dir / "away.gpkg").string()}) {
    auto r = overlay(roads, "whole.gpkg", "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = overlay(roads, "chunks.gpkg", " --memory-limit 1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string whole = dump("whole.gpkg");
    EXPECT_NE(whole.find("|1600 features"), std::string::npos) << whole;
    EXPECT_EQ(dump("chunks.gpkg"), whole) << roads;
  }
  // The feature limit holds for the layer, not each chunk.
  for (const std::string more : {"", " --memory-limit 1"}) {
    const auto r = overlay(sample, "limited.gpkg", " --max-features 1000" + more);
    EXPECT_NE(r.exit_code, 0) << more;
    EXPECT_NE(r.err.find("more than 1000 features"), std::string::npos) << more << r.err;
  }
  // The road away: 400 m x 20 m, none of it classed.
  const std::string away = run_command("sqlite3 " + (dir / "chunks.gpkg").string() +
                                       " \"SELECT code, area_m2 FROM land_take_by_class "
                                       "WHERE scope = 'existing_roads' AND area_m2 > 0\"").out;
  EXPECT_EQ(away, "new_take|8000.0\ntotal|8000.0\nunclassified|8000.0\n");
}

// A land use of 60 x 10 parcels of 20 m x 10 m (FIDs row by row from the south-west), ids P1...P600,
// with findings in different chunks at --memory-limit 1 (262 parcels a chunk): a code not in
// the table at FID 5, a bow-tie at FID 243 and no geometry at FID 250; `duplicate`: FID 260
// has the id of FID 7.
void write_checked_land_use(const std::filesystem::path& path, bool duplicate) {
  std::vector<FixtureFeature> parcels;
  for (int fid = 1; fid <= 600; ++fid) {
    const double x = 470000.0 + 20.0 * ((fid - 1) % 60), y = 3893000.0 + 10.0 * ((fid - 1) / 60);
    std::string wkt = fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", x, y, x + 20, y + 10);
    if (fid == 243) wkt = fmt::format("POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))", x, y, x + 20, y + 10);
    if (fid == 250) wkt.clear();
    const int id = duplicate && fid == 260 ? 7 : fid;
    parcels.push_back({wkt, {"P" + std::to_string(id), fid == 5 ? "0199" : "0101"}});
  }
  write_layer(path, "GPKG", "land_use", 4547, {{"id", "String"}, {"code", "String"}}, parcels);
}

// Read in chunks, the land use is checked as a whole read checks it: the same findings in the
// same order (the land use's first, as its layer is checked first), the same parcels within
// the roads' reach (also where that reach comes from the roads' stated extent, which still
// holds a road deleted since), an id used twice in two chunks refused with the same message,
// and --max-features counting the features without a geometry too.
TEST(OverlayCommand, MemoryLimitChecksTheLandUseAsAWholeReadDoes) {
  TempDir dir;
  write_checked_land_use(dir / "land_use.gpkg", false);
  write_checked_land_use(dir / "duplicate.gpkg", true);
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(470005 3893050,470095 3893050)", {"R1"}},
               {"LINESTRING(471150 3893050,471190 3893050)", {"R2"}},
               {"", {"R3"}}});
  execute_sql(dir / "roads.gpkg", "DELETE FROM roads WHERE id = 'R2'");
  write_layer(dir / "away.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(480000 3893050,480100 3893050)", {"A"}}});
  const auto overlay = [&](const std::string& land_use, const std::string& roads, const std::string& out,
                           const std::string& more) {
    return run_command(exe() + " overlay -q --roads " + (dir / roads).string() + " --land-use " +
                       (dir / land_use).string() + " --width 20 -o " + (dir / out).string() + more);
  };
  const auto dump = [&](const std::string& out) {
    return run_command("sqlite3 " + (dir / out).string() +
                       " \"SELECT * FROM land_take; SELECT * FROM diagnostics; "
                       "SELECT * FROM run_metadata WHERE key LIKE 'input.%'\"").out;
  };
  // One more parcel, at the largest FID there can be (the chunks could not end past it), on
  // top of parcel 242 (overlapping parcels, met in the first chunk and the last).
  write_checked_land_use(dir / "far.gpkg", false);
  execute_sql(dir / "far.gpkg", "INSERT INTO land_use (fid, geom, id, code) SELECT 9223372036854775807, "
                                "geom, 'PMAX', code FROM land_use WHERE fid = 242");
  for (const auto& [land_use, roads] : std::vector<std::pair<std::string, std::string>>{
           {"land_use.gpkg", "roads.gpkg"}, {"land_use.gpkg", "away.gpkg"}, {"far.gpkg", "roads.gpkg"}}) {
    auto r = overlay(land_use, roads, "whole.gpkg", "");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = overlay(land_use, roads, "chunks.gpkg", " --memory-limit 1");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string whole = dump("whole.gpkg");
    for (const char* finding : {"geom.invalid", "landuse.code_not_in_table"}) {
      EXPECT_NE(whole.find(finding), std::string::npos) << finding << "\n" << whole;
    }
    EXPECT_EQ(dump("chunks.gpkg"), whole) << land_use << " " << roads;
  }
  EXPECT_NE(dump("whole.gpkg").find("|PMAX|"), std::string::npos);
  // Within reach of R1 and of the deleted R2 (as the roads' extent states it) is every parcel
  // (and so the layer is read without a filter: the one without a geometry too, and skipped):
  // 601 features of far.gpkg read.
  const std::string near = run_command("sqlite3 " + (dir / "chunks.gpkg").string() +
                                       " \"SELECT value FROM run_metadata WHERE key = 'input.land_use'\"").out;
  EXPECT_NE(near.find("|600 features"), std::string::npos) << near;
  for (const std::string more : {"", " --memory-limit 1"}) {
    const auto dup = overlay("duplicate.gpkg", "roads.gpkg", "dup.gpkg", more);
    EXPECT_EQ(dup.exit_code, 2) << more;
    EXPECT_NE(dup.err.find("feature 260, field 'id': duplicate id 'P7' (also used by feature 7)"),
              std::string::npos) << more << dup.err;
    // Away from every parcel the whole layer is read: 600 features, one without a geometry.
    const auto limited = overlay("land_use.gpkg", "away.gpkg", "limited.gpkg", " --max-features 599" + more);
    EXPECT_EQ(limited.exit_code, 2) << more;
    EXPECT_NE(limited.err.find("more than 599 features"), std::string::npos) << more << limited.err;
  }
}

// The reader's notes come before the loader's findings in a whole read, so they do in chunks: a
// GeoJSON land use (read in 3 chunks at --memory-limit 1) whose FID 500 has a ring not closed
// (a note, "closed") and FID 5 a bow-tie (a finding of the loader, "repaired").
TEST(OverlayCommand, MemoryLimitListsTheReadersNotesAsAWholeReadDoes) {
  TempDir dir;
  std::string features;
  for (int fid = 1; fid <= 600; ++fid) {
    const int x = 470000 + 20 * ((fid - 1) % 60), y = 3893000 + 10 * ((fid - 1) / 60);
    std::string ring = fmt::format("[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]", x, y, x + 20, y + 10);
    if (fid == 5) ring = fmt::format("[{0},{1}],[{2},{3}],[{2},{1}],[{0},{3}],[{0},{1}]", x, y, x + 20, y + 10);
    if (fid == 500) ring = fmt::format("[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}]", x, y, x + 20, y + 10);
    features += fmt::format("{}{{\"type\":\"Feature\",\"id\":{},\"properties\":{{\"id\":\"P{}\",\"code\":\"0101\"}},"
                            "\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[{}]]}}}}",
                            fid == 1 ? "" : ",", fid, fid, ring);
  }
  write_text(dir / "land_use.geojson",
             "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
             "\"urn:ogc:def:crs:EPSG::4547\"}},\"features\":[" + features + "]}");
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547, {{"id", "String"}},
              {{"LINESTRING(470000 3893085,470600 3893085)", {"R1"}}});
  const auto diagnostics = [&](const std::string& more) {
    const auto r = run_command(exe() + " overlay -q --roads " + (dir / "roads.gpkg").string() + " --land-use " +
                               (dir / "land_use.geojson").string() + " --width 20 -o " +
                               (dir / "out.gpkg").string() + more);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return run_command("sqlite3 " + (dir / "out.gpkg").string() + " \"SELECT code, feature_ids FROM diagnostics\"").out;
  };
  const std::string whole = diagnostics("");
  EXPECT_EQ(whole, "source.gdal_warning|500\ngeom.invalid|5\n");
  EXPECT_EQ(diagnostics(" --memory-limit 1"), whole);
}

}  // namespace
}  // namespace cx::test

namespace cx::test {
namespace {


// Real OpenStreetMap data (tests/data/osm/README.md: source and licence).
std::string osm_path() { return source_path("tests/data/osm/aguascalientes_osm.gpkg").string(); }

// Land take by class of all roads (scope existing_roads), read back from an output.
std::map<std::string, double> take_by_class(const std::filesystem::path& gpkg) {
  const auto r = run_command("ogrinfo -q -sql \"SELECT code, area_m2 FROM land_take_by_class "
                             "WHERE scope = 'existing_roads' AND level <> '2'\" " + gpkg.string());
  std::map<std::string, double> out;
  std::istringstream lines(r.out);
  std::string line, code;
  while (std::getline(lines, line)) {
    if (line.find("code (String) = ") != std::string::npos) code = line.substr(line.find("= ") + 2);
    if (line.find("area_m2 (Real) = ") != std::string::npos) {
      out[code] = std::stod(line.substr(line.find("= ") + 2));
    }
  }
  return out;
}

TEST(OverlayCommand, WorksOnOpenStreetMapDataInAnyFormatAndCrs) {
  TempDir dir;
  const std::string common = " --code-field landuse --code-system text --width 20 -q";
  // 1. As given: GeoPackage in EPSG:32613 (the working CRS comes from the roads).
  const auto a = run_command(exe() + " overlay --roads " + osm_path() + " --roads-layer roads" +
                             " --land-use " + osm_path() + " --land-use-layer landuse" + common +
                             " -o " + (dir / "a.gpkg").string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("industrial"), std::string::npos) << a.out;
  // 2. The same roads as a Shapefile in EPSG:4326 and land use as GeoJSON, made by ogr2ogr.
  ASSERT_EQ(run_command("ogr2ogr -t_srs EPSG:4326 " + (dir / "roads.shp").string() + " " +
                        osm_path() + " roads").exit_code, 0);
  ASSERT_EQ(run_command("ogr2ogr -t_srs EPSG:4326 -f GeoJSON -lco COORDINATE_PRECISION=15 " +
                        (dir / "landuse.geojson").string() + " " + osm_path() + " landuse")
                .exit_code,
            0);
  const std::string b_args = " overlay --roads " + (dir / "roads.shp").string() + " --land-use " +
                             (dir / "landuse.geojson").string() + common;
  // Lon/lat roads without --crs: refused with a hint.
  const auto refused = run_command(exe() + b_args + " -o " + (dir / "x.gpkg").string());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--crs"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.gpkg"));
  const auto b = run_command(exe() + b_args + " --crs EPSG:32613 -o " + (dir / "b.gpkg").string());
  ASSERT_EQ(b.exit_code, 0) << b.err;

  const auto take_a = take_by_class(dir / "a.gpkg");
  const auto take_b = take_by_class(dir / "b.gpkg");
  ASSERT_GE(take_a.size(), 4U);
  ASSERT_EQ(take_a.size(), take_b.size());
  for (const auto& [code, area] : take_a) {
    SCOPED_TRACE(code);
    ASSERT_EQ(take_b.count(code), 1U);
    // Round trip through degrees: identical to well below a square centimetre per hectare.
    EXPECT_NEAR(take_b.at(code), area, 1e-7 * std::max(area, 1.0));
  }
  // OpenStreetMap land use is no partition: one pitch (fid 12) lies in a meadow (fid 9), the
  // only pair of parcels that share an area (SpatiaLite through GDAL, not the engine, says so),
  // and a road passes over it. The run warns, naming both.
  const auto pairs = run_command(
      "ogrinfo -q -dialect SQLite -sql \"SELECT a.fid || ',' || b.fid AS pair FROM landuse a, "
      "landuse b WHERE a.fid < b.fid AND ST_Area(ST_Intersection(a.geom, b.geom)) > 0.01\" " + osm_path());
  EXPECT_NE(pairs.out.find("pair (String) = 9,12"), std::string::npos) << pairs.out;
  EXPECT_EQ(pairs.out.find("OGRFeature(SELECT):1"), std::string::npos) << pairs.out;
  EXPECT_EQ(run_command("sqlite3 " + (dir / "a.gpkg").string() +
                        " \"SELECT feature_ids FROM diagnostics WHERE code = 'landuse.parcels_overlap'\"")
                .out,
            "9,12\n");
  // Parcels whose landuse tag is empty (parks and pitches tagged leisure=*) are classed
  // 'unknown', with a warning naming them all, as SQLite lists them.
  EXPECT_EQ(run_command("sqlite3 " + (dir / "a.gpkg").string() +
                        " \"SELECT feature_ids FROM diagnostics WHERE code = 'landuse.no_class'\"").out,
            run_command("sqlite3 " + osm_path() + " \"SELECT group_concat(fid) FROM (SELECT fid FROM landuse "
                        "WHERE landuse IS NULL OR landuse = '' ORDER BY fid)\"").out);
}

}  // namespace
}  // namespace cx::test

namespace cx::test {
namespace {

// Two roads crossing, two red-line polygons that overlap and two farmland polygons that share an
// edge under road B's centre line: every total by hand, each m² and metre once.
TEST(OverlayCommand, ConflictTotalsCountOverlappingZonesOfAKindOnce) {
  TempDir dir;
  const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}})";
  const auto box = [](int x0, int y0, int x1, int y1) {
    return fmt::format("[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]", x0, y0, x1, y1);
  };
  // A: 100 m east-west; B: 100 m north-south through A's middle; both 20 m wide.
  write_text(dir / "roads.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[
{"type":"Feature","properties":{"id":"A","class":"branch","width_m":20},"geometry":{"type":"LineString","coordinates":[[430000,3893000],[430100,3893000]]}},
{"type":"Feature","properties":{"id":"B","class":"branch","width_m":20},"geometry":{"type":"LineString","coordinates":[[430050,3892950],[430050,3893050]]}}]})");
  const auto zone = [&](const char* id, const char* kind, const std::string& ring) {
    return std::string(R"({"type":"Feature","properties":{"id":")") + id + R"(","kind":")" + kind +
           R"("},"geometry":{"type":"Polygon","coordinates":)" + ring + "}}";
  };
  write_text(dir / "zones.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[)" +
                                        zone("Z1", "eco_redline", box(430010, 3892900, 430050, 3893100)) + "," +
                                        zone("Z2", "eco_redline", box(430030, 3892900, 430070, 3893100)) + "," +
                                        zone("F1", "basic_farmland", box(430000, 3892900, 430050, 3893100)) + "," +
                                        zone("F2", "basic_farmland", box(430050, 3892900, 430100, 3893100)) + "]}");
  write_text(dir / "land_use.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[{"type":"Feature","properties":{"id":"P1","code":"0101"},"geometry":{"type":"Polygon","coordinates":)" +
                                           box(429900, 3892800, 430200, 3893200) + "}}]}");
  const auto out = dir / "o.gpkg";
  const auto r = run_command(exe() + " overlay --roads " + (dir / "roads.geojson").string() + " --land-use " +
                             (dir / "land_use.geojson").string() + " --constraints " +
                             (dir / "zones.geojson").string() + " -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Per work: A in the red line over x in [430010, 430070] (60 m × 20 m), B wholly (100 × 20 m);
  // B's centre line on the farmland polygons' shared edge counts 100 m, not twice.
  EXPECT_EQ(run_command("sqlite3 " + out.string() + " \"SELECT work_key, kind, zone_ids, printf('%.3f', "
                        "centre_length_m), printf('%.3f', area_m2) FROM conflicts_summary ORDER BY 1, 2\"").out,
            "road:A|basic_farmland|F1,F2|100.000|2000.000\n"
            "road:A|eco_redline|Z1,Z2|60.000|1200.000\n"
            "road:B|basic_farmland|F1,F2|100.000|2000.000\n"
            "road:B|eco_redline|Z1,Z2|100.000|2000.000\n");
  // All roads together: the crossing's 20 × 20 m once (1200 + 2000 - 400; 2000 + 2000 - 400).
  EXPECT_NE(r.out.find("eco_redline (生态保护红线): 2800.0 m²"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("160.0 m of centre line"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("basic_farmland (永久基本农田): 3600.0 m²"), std::string::npos) << r.out;
}

TEST(OverlayCommand, InsideTheDevelopmentBoundaryNothingFollows) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  const auto out = dir / "o.gpkg";
  ASSERT_EQ(run_command(exe() + " overlay -q --roads " + sample + " --roads-layer roads --id-field road_id --land-use " +
                        sample + " --land-use-layer land_use --constraints " + sample +
                        " --constraints-layer constraints --crs EPSG:4547 -o " + out.string()).exit_code, 0);
  EXPECT_EQ(run_command("sqlite3 " + out.string() + " \"SELECT DISTINCT relation, consequence FROM conflicts "
                        "WHERE kind = 'urban_dev_boundary' ORDER BY relation\"").out,
            "inside|none: inside the boundary, where building is planned\n"
            "outside|reported: the part outside the urban development boundary\n");
}

// "The land within 50 m of the links reached": round ends included, as the words say.
TEST(NetworkCommand, AServiceAreaIsTheLandWithin50MetresOfTheRoadsReached) {
  TempDir dir;
  const std::string crs = R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}})";
  write_text(dir / "roads.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[
{"type":"Feature","properties":{"id":"A","class":"branch"},"geometry":{"type":"LineString","coordinates":[[430000,3893000],[430200,3893000]]}}]})");
  write_text(dir / "facilities.geojson", R"({"type":"FeatureCollection",)" + crs + R"(,"features":[
{"type":"Feature","properties":{"id":"F","name":"school"},"geometry":{"type":"Point","coordinates":[430000,3893000]}}]})");
  const auto out = dir / "n.gpkg";
  const auto r = run_command(exe() + " network -q --roads " + (dir / "roads.geojson").string() + " --facilities " +
                             (dir / "facilities.geojson").string() + " --speed 36 --sample-zones 0 -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // At 36 km/h, 5 minutes reach 3 km: the whole 200 m road. Its 50 m surroundings are a
  // 200 × 100 m band and two half discs of radius 50 m (GEOS draws them with 32 segments,
  // 0.16 % less than the true discs).
  const auto area = run_command("sqlite3 " + out.string() + " \"SELECT area_m2 FROM service_areas "
                                "WHERE network = 'baseline' AND minutes = 5\"");
  ASSERT_FALSE(area.out.empty()) << area.err;
  const double expected = 200.0 * 100.0 + std::numbers::pi * 50.0 * 50.0;
  EXPECT_NEAR(std::stod(area.out), expected, 0.001 * expected);
}

// What names junctions, links and the ten most improved zone pairs does not depend on the
// order the features come in: keys are places and lines, not graph ids, and ties (a pair and
// its reverse often gain the same) go by the zones' ids.
TEST(RunCommand, KeysAndTheMostImprovedPairsDoNotDependOnInputOrder) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  // The sample with every layer's features in reverse order (and new FIDs).
  const auto reversed = dir / "reversed.gpkg";
  const auto layers = run_command("sqlite3 " + sample + " \"SELECT table_name FROM gpkg_contents\"");
  std::istringstream names(layers.out);
  for (std::string layer; std::getline(names, layer);) {
    ASSERT_EQ(run_command("ogr2ogr -f GPKG " + std::string(std::filesystem::exists(reversed) ? "-update " : "") +
                          "-unsetFid -nln " + layer + " -sql \"SELECT * FROM " + layer + " ORDER BY fid DESC\" " +
                          reversed.string() + " " + sample).exit_code, 0) << layer;
  }
  std::string baseline = read_text(source_path("scripts/scenarios/baseline.toml"));
  for (auto at = baseline.find("../../sample_data/cross_axis.gpkg"); at != std::string::npos;
       at = baseline.find("../../sample_data/cross_axis.gpkg")) {
    baseline.replace(at, std::string("../../sample_data/cross_axis.gpkg").size(), "SOURCE");
  }
  const auto od_delta = [&](const std::string& source, const std::string& name) {
    std::string text = baseline;
    for (auto at = text.find("SOURCE"); at != std::string::npos; at = text.find("SOURCE")) text.replace(at, 6, source);
    write_text(dir / (name + ".toml"), text + "\n[proposals]\ninclude = [\"minzhu_south\"]\n");
    const auto out = dir / (name + "_out.gpkg");
    const auto r = run_command(exe() + " run -q " + (dir / (name + ".toml")).string() + " -o " + out.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return run_command("sqlite3 " + out.string() + " \"SELECT * FROM od_delta WHERE measure = 'most_improved' "
                       "ORDER BY delta_key\"").out +
           run_command("sqlite3 " + out.string() + " \"SELECT edge_key, line_key, from_node, to_node FROM "
                       "network_edges ORDER BY edge_key; SELECT node_key, degree FROM network_nodes ORDER BY "
                       "node_key; SELECT link_key FROM cross_river_links ORDER BY link_key; SELECT zone_id, "
                       "base_node, scen_node FROM zones ORDER BY zone_id\"").out;
  };
  const std::string original = od_delta(sample, "original");
  EXPECT_FALSE(original.empty());
  EXPECT_EQ(od_delta(reversed.string(), "reversed"), original);
}

// A finding has a key of its own, so a diff shows a new warning as one added row, not as some
// other finding modified.
TEST(DiffCommand, ANewFindingIsOneAddedDiagnostic) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  const auto zones = dir / "zones.gpkg";
  std::filesystem::copy_file(sample, zones);
  const auto network = [&](const std::filesystem::path& out) {
    return run_command(exe() + " network -q --roads " + sample + " --roads-layer roads --id-field road_id --zones " +
                       zones.string() + " --zones-layer zones --zones-id-field zone_id -o " + out.string()).exit_code;
  };
  ASSERT_EQ(network(dir / "a.gpkg"), 0);
  execute_sql(zones, "UPDATE zones SET geom = NULL WHERE fid = 3");  // now also 'features without geometry'
  ASSERT_EQ(network(dir / "b.gpkg"), 0);
  const auto r = run_command(exe() + " diff " + (dir / "a.gpkg").string() + " " + (dir / "b.gpkg").string());
  EXPECT_NE(r.out.find("diagnostics                       1 added      0 removed      0 modified"), std::string::npos)
      << r.out;
}

TEST(NetworkCommand, ZoneAndFacilityIdsComeFromTheFieldsNamed) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  const std::string base = exe() + " network -q --roads " + sample + " --roads-layer roads --id-field road_id" +
                           " --zones " + sample + " --zones-layer zones";
  // The sample's zones have zone_id, not id: refused, pointing at the option.
  const auto unmapped = run_command(base + " -o " + (dir / "a.gpkg").string());
  EXPECT_EQ(unmapped.exit_code, 2) << unmapped.err;
  EXPECT_NE(unmapped.err.find("field 'id'"), std::string::npos) << unmapped.err;
  EXPECT_NE(unmapped.err.find("--...-field"), std::string::npos) << unmapped.err;
  const auto out = dir / "b.gpkg";
  const auto r = run_command(base + " --zones-id-field zone_id --facilities " + sample +
                             " --facilities-layer facilities --facilities-id-field facility_id -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every zone and facility, by its own id (counted in the source by SQLite, not the engine).
  EXPECT_EQ(run_command("sqlite3 " + out.string() + " \"SELECT COUNT(DISTINCT zone_id) FROM zones\"").out,
            run_command("sqlite3 " + sample + " \"SELECT COUNT(DISTINCT zone_id) FROM zones\"").out);
  EXPECT_EQ(run_command("sqlite3 " + out.string() + " \"SELECT COUNT(DISTINCT facility_id) FROM service_areas\"").out,
            run_command("sqlite3 " + sample + " \"SELECT COUNT(DISTINCT facility_id) FROM facilities\"").out);
}

// On real OpenStreetMap ways (four parts), some of the 200 junctions drawn as zones lie on a
// small part. They are of no layer, so they get no zone.cut_off finding (it named a 'zones'
// layer that does not exist, and graph ids as its features); the pairs they cannot reach are
// counted in the summary line instead.
TEST(NetworkCommand, SampledZonesOnSmallPartsAreCountedNotFlagged) {
  TempDir dir;
  const auto out = dir / "osm.gpkg";
  const auto r = run_command(exe() + " network --roads " + osm_path() + " --roads-layer roads" +
                             " --noding shared-vertices --class-field highway -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto sql = [&](const std::string& query) { return run_command("sqlite3 " + out.string() + " \"" + query + "\"").out; };
  EXPECT_NE(sql("SELECT COUNT(*) FROM zones z JOIN network_nodes n ON n.node_key = 'baseline:' || z.base_node "
                "WHERE n.component > 0"),
            "0\n");
  EXPECT_EQ(sql("SELECT COUNT(*) FROM diagnostics WHERE code = 'zone.cut_off'"), "0\n");
  EXPECT_NE(r.out.find("pairs unreachable)"), std::string::npos) << r.out;
}

TEST(NetworkCommand, RunsOnARoadLayerAloneWithSampledJunctionsAsZones) {
  TempDir dir;
  const std::string sample = source_path("sample_data/cross_axis.gpkg").string();
  const auto out = dir / "net.gpkg";
  const auto r = run_command(exe() + " network -q --roads " + sample + " --roads-layer roads" +
                             " --river " + sample + " --river-layer river_lines" +
                             " --sample-zones 12 --id-field road_id -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("critical links"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("across 大沙河"), std::string::npos) << r.out;
  // 12 zones: 12 × 11 ordered pairs, each in the OD matrix; no land-use tables.
  const auto od = run_command("sqlite3 " + out.string() + " \"SELECT COUNT(*) FROM od_matrix\"");
  EXPECT_EQ(od.out, "132\n");
  const auto tables = run_command("sqlite3 " + out.string() +
                                  " \"SELECT COUNT(*) FROM gpkg_contents WHERE table_name = 'land_take'\"");
  EXPECT_EQ(tables.out, "0\n");
  // Service areas from two facilities (the sample's zones Z01 and Z02 stand in): three breaks
  // each, in both networks, and a longer reach for a longer time.
  const auto with_facilities = dir / "facilities.gpkg";
  ASSERT_EQ(run_command("ogr2ogr -nln facilities " + with_facilities.string() + " " + sample +
                        " -sql \"SELECT zone_id AS id, name, geom FROM zones WHERE zone_id IN "
                        "('Z01', 'Z02')\"").exit_code,
            0);
  const auto sa = run_command(exe() + " network -q --roads " + sample + " --roads-layer roads" +
                              " --facilities " + with_facilities.string() +
                              " --sample-zones 5 --id-field road_id -o " + (dir / "sa.gpkg").string());
  ASSERT_EQ(sa.exit_code, 0) << sa.err;
  EXPECT_EQ(run_command("sqlite3 " + (dir / "sa.gpkg").string() +
                        " \"SELECT COUNT(*) FROM service_areas\"").out, "12\n");
  EXPECT_EQ(run_command("sqlite3 " + (dir / "sa.gpkg").string() +
                        " \"SELECT COUNT(*) FROM service_area_lines a JOIN service_area_lines b ON "
                        "a.network = b.network AND a.facility_id = b.facility_id AND b.minutes > a.minutes "
                        "WHERE b.reached_length_m <= a.reached_length_m\"").out, "0\n");
  // The components add up to the whole network.
  const auto sums = run_command("sqlite3 " + out.string() +
                                " \"SELECT (SELECT SUM(nodes) || ',' || SUM(edges) FROM network_components "
                                "WHERE network = 'baseline') = (SELECT nodes || ',' || edges FROM "
                                "network_summary WHERE network = 'baseline')\"");
  EXPECT_EQ(sums.out, "1\n");
  // An unknown noding is a usage error, and nothing is written.
  const auto bad = run_command(exe() + " network -q --roads " + sample + " --roads-layer roads" +
                               " --noding crossing -o " + (dir / "x.gpkg").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.gpkg"));
}

}  // namespace
}  // namespace cx::test
