// The plain-words part of a diff report reads the right rows: its figures are those of the two
// runs it compares (each checked against GEOS and hand-made graphs in the scenario tests).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "cx/report/diff_words.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_runner.hpp"
#include "test_support.hpp"

namespace cx::report {
namespace {

scenario::ScenarioResult run(const std::string& name, const std::filesystem::path& out) {
  auto config = scenario::parse_scenario_file(test::source_path("scripts/scenarios/" + name + ".toml"));
  scenario::RunOptions options;
  options.output = out;
  return scenario::run_scenario(config, options);
}

TEST(DiffWords, MinzhuSouthAgainstTheBaselineInPlainWords) {
  test::TempDir dir;
  const auto base = run("baseline", dir / "a.gpkg");
  const auto minzhu = run("minzhu_south", dir / "b.gpkg");
  const std::string words = diff_in_plain_words((dir / "a.gpkg").string(), (dir / "b.gpkg").string());
  ASSERT_FALSE(words.empty());
  const double new_take_ha = minzhu.proposal_take.new_take_m2() / 10000.0;
  EXPECT_NE(words.find(fmt::format("take {:.2f} ha", new_take_ha)), std::string::npos) << words;
  EXPECT_NE(words.find(fmt::format("changes by {:+.3f} min", *minzhu.mean_time_change_min)), std::string::npos) << words;
  EXPECT_NE(words.find(fmt::format("effective mesh size {:.2f} ha in {} patches in B, {:.2f} ha in {} in A",
                                   minzhu.scenario_mesh_m2 / 10000.0, minzhu.scenario_patches,
                                   base.scenario_mesh_m2 / 10000.0, base.scenario_patches)),
            std::string::npos) << words;
  ASSERT_GT(minzhu.scenario_patches, base.scenario_patches);  // the bridge's right-of-way cuts
  EXPECT_NE(words.find("patches cut apart, more fragmented"), std::string::npos) << words;
  EXPECT_NE(words.find("**Across 大沙河**: 3 road links in B, 2 in A"), std::string::npos) << words;
  EXPECT_NE(words.find("the ecological red line (生态保护红线) by 1.70 ha"), std::string::npos) << words;
  // The classes are of all the land taken (road land in use included), and say so.
  EXPECT_NE(words.find(fmt::format("Of all the land B's proposals take ({:.2f} ha, with road land already in use)",
                                   minzhu.proposal_take.total_m2 / 10000.0)),
            std::string::npos) << words;
  // Not crossaxis outputs: nothing to say.
  EXPECT_TRUE(diff_in_plain_words(test::source_path("sample_data/cross_axis.gpkg").string(),
                                  (dir / "b.gpkg").string()).empty());
}

}  // namespace
}  // namespace cx::report
