#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

#include "cx/geom/convex_clip.hpp"

namespace cx::geom {
namespace {

std::string wkt_of(const std::vector<XY>& ring) {
  std::string out = "POLYGON ((";
  for (std::size_t i = 0; i <= ring.size(); ++i) {
    const XY& p = ring[i % ring.size()];
    out += (i ? ", " : "") + std::to_string(p.x) + " " + std::to_string(p.y);
  }
  return out + "))";
}

TEST(ConvexClip, RecognisesConvexRingsOnly) {
  GeosContext ctx;
  EXPECT_TRUE(convex_ring(Geometry::from_wkt(ctx, "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))")));
  EXPECT_FALSE(convex_ring(Geometry::from_wkt(ctx, "POLYGON ((0 0, 10 0, 10 5, 5 5, 5 10, 0 10, 0 0))")));
  EXPECT_FALSE(convex_ring(Geometry::from_wkt(
      ctx, "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 3, 2 2))")));
  EXPECT_TRUE(convex_ring(Geometry::from_wkt(ctx, "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))")));
  EXPECT_FALSE(convex_ring(Geometry::from_wkt(
      ctx, "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))")));
  // Clockwise input comes back counter-clockwise.
  const auto ring = convex_ring(Geometry::from_wkt(ctx, "POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0))"));
  EXPECT_GT(ring_area(*ring), 0.0);
}

TEST(ConvexClip, AgreesWithGeosOnRandomQuadrilaterals) {
  // Jittered squares against rotated rectangles, as parcels against straight rights-of-way;
  // GEOS's overlay is the oracle. Fixed seed, overridable for exploration.
  const char* seed_text = std::getenv("CX_TEST_SEED");
  std::mt19937_64 rng(seed_text ? std::stoull(seed_text) : 20261125ULL);
  std::uniform_real_distribution<double> jitter(-15.0, 15.0);
  std::uniform_real_distribution<double> angle(0.0, 3.14159);
  GeosContext ctx;
  int overlapping = 0;
  for (int k = 0; k < 500; ++k) {
    const double x0 = 431000.0, y0 = 3893000.0;
    const std::vector<XY> quad{{x0 + jitter(rng), y0 + jitter(rng)},
                               {x0 + 60 + jitter(rng), y0 + jitter(rng)},
                               {x0 + 60 + jitter(rng), y0 + 60 + jitter(rng)},
                               {x0 + jitter(rng), y0 + 60 + jitter(rng)}};
    const double a = angle(rng), cx = x0 + 30 + jitter(rng), cy = y0 + 30 + jitter(rng);
    const double ux = std::cos(a), uy = std::sin(a), half_len = 80.0, half_w = 12.0;
    const std::vector<XY> strip{{cx - ux * half_len + uy * half_w, cy - uy * half_len - ux * half_w},
                                {cx + ux * half_len + uy * half_w, cy + uy * half_len - ux * half_w},
                                {cx + ux * half_len - uy * half_w, cy + uy * half_len + ux * half_w},
                                {cx - ux * half_len - uy * half_w, cy - uy * half_len + ux * half_w}};
    const Geometry parcel = Geometry::from_wkt(ctx, wkt_of(quad));
    const Geometry row = Geometry::from_wkt(ctx, wkt_of(strip));
    const auto p = convex_ring(parcel);
    const auto r = convex_ring(row);
    ASSERT_TRUE(p && r);
    const std::vector<XY> clipped = clip_convex(*p, *r);
    const double ours = clipped.size() >= 3 ? ring_area(clipped) : 0.0;
    const double geos = parcel.intersection(row).area();
    EXPECT_NEAR(ours, geos, 1e-9 * std::max(geos, 1.0)) << "case " << k;
    overlapping += geos > 0.0 ? 1 : 0;
  }
  EXPECT_GT(overlapping, 400);  // the cases really exercise clipping
}

// Jittered quadrilaterals of a shared-vertex tessellation (neighbours share edges exactly),
// and the same with one vertex pushed into the neighbour: disjoint exactly when GEOS finds no
// area in common.
TEST(ConvexClip, SeparatingAxisAgreesWithGeosOnNeighbours) {
  std::mt19937_64 rng(20261126ULL);
  std::uniform_real_distribution<double> jitter(-12.0, 12.0);
  GeosContext ctx;
  const int n = 6;
  std::vector<std::vector<XY>> grid(n + 1, std::vector<XY>(n + 1));
  for (int i = 0; i <= n; ++i) {
    for (int j = 0; j <= n; ++j) grid[i][j] = {431000.0 + 60.0 * i + jitter(rng), 3893000.0 + 60.0 * j + jitter(rng)};
  }
  const auto cell = [&](int i, int j) {
    return std::vector<XY>{grid[i][j], grid[i + 1][j], grid[i + 1][j + 1], grid[i][j + 1]};
  };
  int disjoint = 0, overlapping = 0;
  for (int i = 0; i + 1 < n; ++i) {
    for (int j = 0; j + 1 < n; ++j) {
      for (const auto& [di, dj] : {std::pair{1, 0}, {0, 1}, {1, 1}, {1, -1}, {2, 0}}) {
        if (j + dj < 0 || j + dj >= n || i + di >= n) continue;
        std::vector<XY> a = cell(i, j);
        const std::vector<XY> b = cell(i + di, j + dj);
        for (const bool pushed : {false, true}) {
          if (pushed) a[2] = {a[2].x + 5.0, a[2].y + 5.0};  // into the cells up and right
          const Geometry ga = Geometry::from_wkt(ctx, wkt_of(a));
          const Geometry gb = Geometry::from_wkt(ctx, wkt_of(b));
          if (!convex_ring(ga) || !convex_ring(gb)) continue;
          const double common = ga.intersection(gb).area();
          EXPECT_EQ(convex_interiors_disjoint(*convex_ring(ga), *convex_ring(gb)), common == 0.0)
              << i << "," << j << " +" << di << "," << dj << (pushed ? " pushed" : "") << ": " << common;
          (common == 0.0 ? disjoint : overlapping) += 1;
        }
      }
    }
  }
  EXPECT_GT(disjoint, 50);
  EXPECT_GT(overlapping, 10);
}

}  // namespace
}  // namespace cx::geom
