// The run summary's words for a corridor's change follow the patch counts and the mesh together.
#include <gtest/gtest.h>

#include "cx/report/run_summary.hpp"

namespace cx::report {
namespace {

std::string corridor_words(std::size_t patches_before, std::size_t patches_after, double mesh_before_m2,
                           double mesh_after_m2) {
  scenario::ScenarioResult r;
  r.has_corridors = true;
  r.baseline_patches = patches_before;
  r.scenario_patches = patches_after;
  r.baseline_mesh_m2 = mesh_before_m2;
  r.scenario_mesh_m2 = mesh_after_m2;
  const std::string text = format_run_summary(r);
  const auto at = text.find("ecological corridor: effective mesh size");
  return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
}

TEST(RunSummary, BetterConnectedOnlyWhereFewerPatchesMakeALargerMesh) {
  EXPECT_NE(corridor_words(20, 19, 811912.0, 847700.0).find("patches joined, better connected"), std::string::npos);
  // A right-of-way over a whole small patch: one patch fewer, and a smaller mesh.
  EXPECT_NE(corridor_words(20, 19, 811912.0, 811900.0).find("patches lost under rights-of-way"), std::string::npos);
  EXPECT_NE(corridor_words(20, 22, 811912.0, 675414.0).find("patches cut apart, more fragmented"), std::string::npos);
  // As many patches: a join and a cut may hide in it; only the mesh is told.
  EXPECT_NE(corridor_words(20, 20, 811912.0, 812285.0).find("as many patches, larger mesh"), std::string::npos);
  EXPECT_EQ(corridor_words(20, 19, 811912.0, 811900.0).find("better connected"), std::string::npos);
}

}  // namespace
}  // namespace cx::report
