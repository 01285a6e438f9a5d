#include <gtest/gtest.h>

#include "cx/ecology/fragmentation.hpp"

namespace cx::ecology {
namespace {

class FragmentationTest : public ::testing::Test {
protected:
  geom::GeosContext ctx;
  std::vector<geom::Geometry> owned;
  const geom::Geometry* wkt(const char* text) {
    owned.reserve(16);  // pointers handed out stay valid
    owned.push_back(geom::Geometry::from_wkt(ctx, text));
    return &owned.back();
  }
};

TEST_F(FragmentationTest, ARoadAcrossASquareCorridorHalvesIt) {
  // 100 × 100 m corridor, a 20 m right-of-way across it at x = 40..60: two 40 × 100 patches,
  // m_eff = (4000² + 4000²) / 10 000 = 3200 m².
  const auto* corridor = wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
  const auto* road = wkt("POLYGON ((40 -10, 60 -10, 60 110, 40 110, 40 -10))");
  const auto* far_road = wkt("POLYGON ((500 0, 520 0, 520 100, 500 100, 500 0))");
  const Fragmentation f = fragmentation(ctx, {corridor}, {}, {road, far_road});
  EXPECT_DOUBLE_EQ(f.reference_area_m2, 10000.0);
  ASSERT_EQ(f.patches.size(), 2U);
  EXPECT_NEAR(f.patches[0].area_m2, 4000.0, 1e-9);
  EXPECT_LT(f.patches[0].shape.extent().min_x, f.patches[1].shape.extent().min_x);  // tie: left first
  EXPECT_NEAR(f.effective_mesh_m2, 3200.0, 1e-9);
}

TEST_F(FragmentationTest, ARoadEndingInsideTakesAreaButDoesNotSplit) {
  const auto* corridor = wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
  const auto* road = wkt("POLYGON ((40 -10, 60 -10, 60 50, 40 50, 40 -10))");  // 20 × 50 inside
  const Fragmentation f = fragmentation(ctx, {corridor}, {}, {road});
  ASSERT_EQ(f.patches.size(), 1U);
  EXPECT_NEAR(f.patches[0].area_m2, 9000.0, 1e-9);
  EXPECT_NEAR(f.effective_mesh_m2, 9000.0 * 9000.0 / 10000.0, 1e-9);
}

TEST_F(FragmentationTest, AWaterLinkJoiningTwoCorridorsRaisesTheMeshSize) {
  // Two 100 × 100 squares 50 m apart: m_eff = (10 000² × 2) / 20 000 = 10 000 m². A 50 × 10 m
  // channel between them makes one patch of 20 500 m², reference 20 500: m_eff = 20 500 m².
  const auto* west = wkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))");
  const auto* east = wkt("POLYGON ((150 0, 250 0, 250 100, 150 100, 150 0))");
  const auto* channel = wkt("POLYGON ((100 45, 150 45, 150 55, 100 55, 100 45))");
  const Fragmentation before = fragmentation(ctx, {west, east}, {}, {});
  const Fragmentation after = fragmentation(ctx, {west, east}, {channel}, {});
  EXPECT_EQ(before.patches.size(), 2U);
  EXPECT_NEAR(before.effective_mesh_m2, 10000.0, 1e-9);
  ASSERT_EQ(after.patches.size(), 1U);
  EXPECT_NEAR(after.reference_area_m2, 20500.0, 1e-9);
  EXPECT_NEAR(after.effective_mesh_m2, 20500.0, 1e-9);
}

TEST_F(FragmentationTest, NoCorridorIsNoFragmentation) {
  const Fragmentation f = fragmentation(ctx, {}, {}, {});
  EXPECT_TRUE(f.patches.empty());
  EXPECT_DOUBLE_EQ(f.effective_mesh_m2, 0.0);
}

}  // namespace
}  // namespace cx::ecology
