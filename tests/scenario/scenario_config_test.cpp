#include <gtest/gtest.h>

#include "cx/core/error.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "test_support.hpp"

namespace cx::scenario {
namespace {

const char* minimal = R"(name = "t"
output = "out/t.gpkg"

[layers.land_use]
source = "data/lu.gpkg"

[layers.roads]
source = "data/roads.gpkg"
layer = "roads"
fields = { id = "road_id" }

[layers.zones]
source = "/abs/zones.gpkg"
crs = "EPSG:4547"
)";

ConfigError parse_error(const std::string& text) {
  test::TempDir dir;
  test::write_text(dir / "s.toml", text);
  try {
    (void)parse_scenario_file(dir / "s.toml");
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ConfigError";
  return ConfigError("none");
}

TEST(ScenarioConfig, ResolvesPathsAgainstTheScenarioFile) {
  test::TempDir dir;
  test::write_text(dir / "s.toml", minimal);
  const ScenarioConfig c = parse_scenario_file(dir / "s.toml");
  EXPECT_EQ(c.name, "t");
  EXPECT_EQ(c.working_crs, "EPSG:4547");
  EXPECT_EQ(c.output, dir / "out/t.gpkg");
  EXPECT_EQ(c.layers.at("roads").path, (dir / "data/roads.gpkg").string());
  EXPECT_EQ(c.layers.at("roads").fields.at("id"), "road_id");
  EXPECT_EQ(c.layers.at("zones").path, "/abs/zones.gpkg");
  EXPECT_EQ(c.layers.at("zones").declared_crs, "EPSG:4547");
  EXPECT_TRUE(c.proposals.empty());
}

TEST(ScenarioConfig, ExtendsKeepsTheOthersLayersAndSettingsAndChangesItsProposals) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "base");
  test::write_text(dir / "base" / "b.toml", std::string(minimal) + R"(
[layers.proposals]
source = "data/proposals.gpkg"

[network]
snap_tolerance_m = 2.5

[proposals]
include = ["p1", "p2"]
)");
  test::write_text(dir / "s.toml", R"(extends = "base/b.toml"
name = "child"
[layers.zones]
source = "other_zones.gpkg"
[proposals]
add = ["p3"]
remove = ["p1"]
)");
  const ScenarioConfig c = parse_scenario_file(dir / "s.toml");
  EXPECT_EQ(c.name, "child");
  EXPECT_EQ(c.output, dir / "out/child.gpkg");  // its own, never the extended scenario's
  EXPECT_EQ(c.layers.at("roads").path, (dir / "base" / "data/roads.gpkg").string());  // as in b.toml
  EXPECT_EQ(c.layers.at("zones").path, (dir / "other_zones.gpkg").string());          // replaced
  EXPECT_DOUBLE_EQ(c.snap_tolerance_m, 2.5);
  EXPECT_EQ(c.proposals, (std::vector<std::string>{"p2", "p3"}));
  ASSERT_EQ(c.extends.size(), 1U);
  EXPECT_EQ(c.extends[0], dir / "base/b.toml");
}

TEST(ScenarioConfig, ExtendsLoopsAndRemovingWhatIsNotThereAreErrors) {
  test::TempDir dir;
  test::write_text(dir / "a.toml", "extends = \"b.toml\"\n");
  test::write_text(dir / "b.toml", "extends = \"a.toml\"\n");
  try {
    (void)parse_scenario_file(dir / "a.toml");
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("loop"), std::string::npos) << e.what();
  }
  test::write_text(dir / "base.toml", minimal);
  test::write_text(dir / "c.toml", "extends = \"base.toml\"\n[proposals]\nremove = [\"nope\"]\n");
  try {
    (void)parse_scenario_file(dir / "c.toml");
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("'nope'"), std::string::npos) << e.what();
  }
}

TEST(ScenarioConfig, AProposalNamedTwiceIsAnErrorAndEachKnowsWhereItWasNamed) {
  const std::string with_proposals = std::string(minimal) + "[layers.proposals]\nsource = \"p.gpkg\"\n";
  const auto twice = parse_error(with_proposals + "[proposals]\ninclude = [\"p1\", \"p1\"]\n");
  EXPECT_EQ(twice.context().key, "proposals.include");
  EXPECT_NE(std::string(twice.what()).find("twice"), std::string::npos) << twice.what();
  test::TempDir dir;
  test::write_text(dir / "base.toml", with_proposals + "[proposals]\ninclude = [\"p1\"]\n");
  test::write_text(dir / "c.toml", "extends = \"base.toml\"\n[proposals]\nadd = [\"p2\"]\n");
  const ScenarioConfig c = parse_scenario_file(dir / "c.toml");
  ASSERT_EQ(c.proposals, (std::vector<std::string>{"p1", "p2"}));
  // p1 was named in base.toml's include, p2 in c.toml's add (line 3): an error about either
  // points there.
  EXPECT_EQ(c.proposals_named_at.at("p1").path, (dir / "base.toml").string());
  EXPECT_EQ(c.proposals_named_at.at("p1").key, "proposals.include");
  EXPECT_EQ(c.proposals_named_at.at("p2").path, (dir / "c.toml").string());
  EXPECT_EQ(c.proposals_named_at.at("p2").key, "proposals.add");
  EXPECT_EQ(c.proposals_named_at.at("p2").line, 3);
}

TEST(ScenarioConfig, UnknownKeyNamesFileLineAndKey) {
  std::string text = minimal;
  text.insert(text.find("\n[layers.land_use]"), "colour = \"red\"\n");
  const ConfigError e = parse_error(text);
  EXPECT_EQ(e.context().line, 3);
  EXPECT_EQ(e.context().key, "colour");
  EXPECT_NE(std::string(e.what()).find("s.toml"), std::string::npos);
  EXPECT_NE(std::string(e.what()).find("unknown key"), std::string::npos);
}

TEST(ScenarioConfig, UnknownKeyInsideALayerIsNamedWithItsFullPath) {
  std::string text = minimal;
  text.replace(text.find("layer = \"roads\""), 15, "layr = \"roads\"");
  const ConfigError e = parse_error(text);
  EXPECT_EQ(e.context().key, "layers.roads.layr");
  EXPECT_EQ(e.context().line, 9);
}

TEST(ScenarioConfig, WrongTypeIsAnError) {
  std::string text = minimal;
  text.replace(text.find("name = \"t\""), 10, "name = 12");
  const ConfigError e = parse_error(text);
  EXPECT_EQ(e.context().key, "name");
  EXPECT_EQ(e.context().line, 1);
  EXPECT_NE(std::string(e.what()).find("expected a string"), std::string::npos);
}

TEST(ScenarioConfig, MissingRequiredLayerIsAnError) {
  std::string text = minimal;
  text.erase(text.find("[layers.roads]"), text.find("[layers.zones]") - text.find("[layers.roads]"));
  const ConfigError e = parse_error(text);
  EXPECT_NE(std::string(e.what()).find("[layers.roads]"), std::string::npos);
}

TEST(ScenarioConfig, FieldMappingMustNameALogicalField) {
  std::string text = minimal;
  text.replace(text.find("id = \"road_id\""), 14, "width = \"w\"");
  const ConfigError e = parse_error(text);
  EXPECT_EQ(e.context().key, "layers.roads.fields.width");
  EXPECT_NE(std::string(e.what()).find("width_m"), std::string::npos);  // lists the real fields
}

TEST(ScenarioConfig, SyntaxErrorsCarryTheLine) {
  const ConfigError e = parse_error("name = \"t\"\n[layers\n");
  EXPECT_EQ(e.context().line, 2);
  EXPECT_NE(std::string(e.what()).find("TOML syntax error"), std::string::npos);
}

TEST(ScenarioConfig, RefusesGeographicAndWebMapWorkingCrs) {
  EXPECT_NE(std::string(parse_error("working_crs = \"EPSG:4326\"\n" + std::string(minimal)).what())
                .find("projected"),
            std::string::npos);
  EXPECT_NE(std::string(parse_error("working_crs = \"GCJ-02\"\n" + std::string(minimal)).what())
                .find("GCJ-02"),
            std::string::npos);
}

TEST(ScenarioConfig, ProposalsNeedAProposalsLayer) {
  const ConfigError e = parse_error(std::string(minimal) + "[proposals]\ninclude = [\"x\"]\n");
  EXPECT_NE(std::string(e.what()).find("layers.proposals"), std::string::npos);
}

}  // namespace
}  // namespace cx::scenario

namespace cx::scenario {
namespace {

TEST(ScenarioConfig, RoadClassDefaultsCanBeOverridden) {
  test::TempDir dir;
  test::write_text(dir / "s.toml", std::string(minimal) +
                                       "[road_classes.arterial]\nwidth_m = 60.0\n"
                                       "[road_classes.branch]\nspeed_kmh = 20\n");
  const ScenarioConfig c = parse_scenario_file(dir / "s.toml");
  EXPECT_DOUBLE_EQ(c.road_classes.at(roads::RoadClass::Arterial).width_m, 60.0);
  EXPECT_DOUBLE_EQ(c.road_classes.at(roads::RoadClass::Arterial).speed_kmh,
                   roads::defaults_for(roads::RoadClass::Arterial).speed_kmh);
  EXPECT_DOUBLE_EQ(c.road_classes.at(roads::RoadClass::Branch).speed_kmh, 20.0);
}

TEST(ScenarioConfig, TwoNamesOfOneRoadClassAreAnError) {
  // arterial and 主干路 are one class: the second would silently win (or lose).
  const auto e = parse_error(std::string(minimal) + "[road_classes.arterial]\nwidth_m = 45\n"
                                                    "[road_classes.\"主干路\"]\nwidth_m = 50\n");
  EXPECT_NE(std::string(e.what()).find("name the same road class"), std::string::npos) << e.what();
  EXPECT_TRUE(e.context().line.has_value());
}

TEST(ScenarioConfig, LimitsIncludeTheMemoryTheLandUseMayTake) {
  test::TempDir dir;
  test::write_text(dir / "s.toml", std::string(minimal) + "[limits]\nmax_features = 500\nmemory_mb = 2000\n");
  const ScenarioConfig c = parse_scenario_file(dir / "s.toml");
  EXPECT_EQ(c.limits.max_features, 500U);
  EXPECT_EQ(c.memory_limit_mb, 2000U);
  test::write_text(dir / "d.toml", minimal);
  EXPECT_EQ(parse_scenario_file(dir / "d.toml").memory_limit_mb, 0U);  // none: read whole
  EXPECT_EQ(parse_error(std::string(minimal) + "[limits]\nmemory_mb = 1.5\n").context().key, "limits.memory_mb");
}

TEST(ScenarioConfig, UnknownRoadClassOrAbsurdWidthIsAnError) {
  EXPECT_EQ(parse_error(std::string(minimal) + "[road_classes.boulevard]\nwidth_m = 30\n")
                .context()
                .key,
            "road_classes.boulevard");
  EXPECT_NE(std::string(parse_error(std::string(minimal) + "[road_classes.branch]\nwidth_m = -3\n")
                            .what())
                .find("width"),
            std::string::npos);
}

}  // namespace
}  // namespace cx::scenario
