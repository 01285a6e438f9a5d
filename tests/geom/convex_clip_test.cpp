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

}  // namespace
}  // namespace cx::geom
