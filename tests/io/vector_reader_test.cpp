#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <variant>
#include <vector>

#include "cx/core/error.hpp"
#include "cx/io/layer_digest.hpp"
#include "cx/io/vector_reader.hpp"
#include "test_support.hpp"

namespace cx::io {
namespace {

// A GeoPackage layer of 131 072 features with every seventh FID deleted (so FIDs have gaps) and
// one feature without geometry: made by doubling two features in SQL, as writing them one by
// one through GDAL would take the test most of a minute.
std::filesystem::path many_features(const test::TempDir& dir) {
  const auto path = dir / "many.gpkg";
  test::write_layer(path, "GPKG", "parcels", 4547, {{"id", "String"}, {"v", "Real"}},
                    {{"POINT (431000 3893000)", {"P1", "1.5"}}, {"", {"P2", "2.5"}}});
  for (int k = 0; k < 16; ++k) {
    test::execute_sql(path, "INSERT INTO parcels (geom, id, v) SELECT geom, 'P' || (fid + "
                            "(SELECT MAX(fid) FROM parcels)), v + fid FROM parcels ORDER BY fid");
  }
  test::execute_sql(path, "DELETE FROM parcels WHERE fid % 7 = 0");
  return path;
}

// The same features in the same order: FIDs, values and geometry.
void expect_same_features(const std::vector<RawFeature>& a, const std::vector<RawFeature>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].fid, b[i].fid) << i;
    ASSERT_EQ(a[i].values, b[i].values) << a[i].fid;
    ASSERT_EQ(a[i].wkb, b[i].wkb) << a[i].fid;
  }
}

// A large GeoPackage layer is read in FID ranges on several connections at once; what comes
// back must be what one pass gives: the same features in FID order, values, geometry, extent.
TEST(ReadLayer, LargeGeoPackageReadInRangesEqualsOnePass) {
  const test::TempDir dir;
  const auto path = many_features(dir);
  ReadOptions one;
  one.threads = 1;
  const RawLayer whole = read_layer(path.string(), "parcels", one);
  ASSERT_EQ(whole.features.size(), 131072U - 131072U / 7);
  for (std::size_t i = 1; i < whole.features.size(); ++i) {
    ASSERT_LT(whole.features[i - 1].fid, whole.features[i].fid);
  }
  for (const unsigned threads : {2U, 3U}) {
    ReadOptions split;
    split.threads = threads;
    const RawLayer parts = read_layer(path.string(), "parcels", split);
    SCOPED_TRACE(threads);
    expect_same_features(parts.features, whole.features);
    EXPECT_EQ(parts.extent.min_x, whole.extent.min_x);
    EXPECT_EQ(parts.extent.max_y, whole.extent.max_y);
    EXPECT_EQ(parts.notes.size(), whole.notes.size());
  }
}

// A row id may be the largest 64-bit integer (SQLite allows it): the ranges' half-open end
// past it would overflow, so such a layer is read in one pass, every feature of it.
TEST(ReadLayer, RowIdOfTheLargestIntegerIsNotLost) {
  const test::TempDir dir;
  const auto path = many_features(dir);
  test::execute_sql(path, "INSERT INTO parcels (fid, geom, id, v) SELECT 9223372036854775807, geom, "
                          "'last', 0 FROM parcels WHERE fid = 1");
  ReadOptions one;
  one.threads = 1;
  const RawLayer whole = read_layer(path.string(), "parcels", one);
  ASSERT_EQ(whole.features.size(), 131072U - 131072U / 7 + 1);
  EXPECT_EQ(whole.features.back().fid, std::numeric_limits<long long>::max());
  ReadOptions split;
  split.threads = 2;
  expect_same_features(read_layer(path.string(), "parcels", split).features, whole.features);
}

// Row ids may also span more than 2^63, from very negative to very positive: the ranges' bounds
// must not overflow on the way (the sanitizer build checks), and together they read every feature.
TEST(ReadLayer, RowIdsSpanningMoreThanHalfThe64BitRangeAreReadInRanges) {
  const test::TempDir dir;
  const auto path = many_features(dir);
  for (const char* fid : {"-9000000000000000000", "9000000000000000000"}) {
    test::execute_sql(path, std::string("INSERT INTO parcels (fid, geom, id, v) SELECT ") + fid +
                                ", geom, 'far', 0 FROM parcels WHERE fid = 1");
  }
  ReadOptions one;
  one.threads = 1;
  const RawLayer whole = read_layer(path.string(), "parcels", one);
  ASSERT_EQ(whole.features.size(), 131072U - 131072U / 7 + 2);
  for (const unsigned threads : {2U, 3U, 4U}) {
    ReadOptions split;
    split.threads = threads;
    SCOPED_TRACE(threads);
    expect_same_features(read_layer(path.string(), "parcels", split).features, whole.features);
  }
}

// The feature limit means the same when the layer is read in ranges: exactly the limit is
// read, one more is refused.
TEST(ReadLayer, FeatureLimitHoldsWhenReadInRanges) {
  const test::TempDir dir;
  const auto path = many_features(dir);
  const std::uint64_t count = 131072U - 131072U / 7;
  for (const unsigned threads : {1U, 2U}) {
    ReadOptions options;
    options.threads = threads;
    options.limits.max_features = count;
    EXPECT_EQ(read_layer(path.string(), "parcels", options).features.size(), count) << threads;
    options.limits.max_features = count - 1;
    EXPECT_THROW((void)read_layer(path.string(), "parcels", options), InputError) << threads;
  }
}

// Reads `path`'s layer in the FID chunks [bounds.first, cut_1), [cut_1, cut_2), ...: every
// feature once, in FID order, and the fingerprint taken chunk by chunk.
struct Chunked {
  std::vector<RawFeature> features;
  std::string digest;
};
Chunked read_in_chunks(const std::string& path, const std::string& layer,
                       const std::vector<long long>& cuts, unsigned threads) {
  const auto bounds = fid_bounds(path, layer);
  EXPECT_TRUE(bounds);
  std::vector<long long> edges{bounds->first};
  edges.insert(edges.end(), cuts.begin(), cuts.end());
  edges.push_back(bounds->second + 1);
  Chunked out;
  std::optional<LayerDigest> digest;
  for (std::size_t c = 0; c + 1 < edges.size(); ++c) {
    ReadOptions options;
    options.threads = threads;
    options.fids = std::pair{edges[c], edges[c + 1]};
    RawLayer chunk = read_layer(path, layer, options);
    if (!digest) digest.emplace(chunk.fields);
    digest->add(chunk.features);
    for (auto& f : chunk.features) out.features.push_back(std::move(f));
  }
  out.digest = digest->finish();
  return out;
}

// A layer too large to hold is read in FID chunks: together they are the layer read whole, and
// so is their fingerprint. A GeoPackage (chunks on one connection and split over several) and
// a Shapefile (whose FIDs OGR filters feature by feature).
TEST(ReadLayer, FidChunksTogetherAreTheWholeLayer) {
  const test::TempDir dir;
  const auto many = many_features(dir).string();
  ReadOptions one;
  one.threads = 1;
  const RawLayer whole = read_layer(many, "parcels", one);
  EXPECT_EQ(fid_bounds(many, "parcels"), (std::pair<long long, long long>{1, 131072}));
  for (const unsigned threads : {1U, 2U}) {
    const auto chunked = read_in_chunks(many, "parcels", {7, 70000, 70001}, threads);
    expect_same_features(chunked.features, whole.features);
    EXPECT_EQ(chunked.digest, layer_digest(whole)) << threads;
  }
  const auto shp = (dir / "few.shp").string();
  test::write_layer(shp, "ESRI Shapefile", "few", 4547, {{"id", "String"}},
                    {{"POINT (431000 3893000)", {"A"}}, {"POINT (431001 3893000)", {"B"}},
                     {"POINT (431002 3893000)", {"C"}}, {"POINT (431003 3893000)", {"D"}}});
  const RawLayer few = read_layer(shp, "few", one);
  EXPECT_EQ(fid_bounds(shp, "few"), (std::pair<long long, long long>{0, 3}));
  const auto chunked = read_in_chunks(shp, "few", {1, 3}, 1);
  expect_same_features(chunked.features, few.features);
  EXPECT_EQ(chunked.digest, layer_digest(few));
}

// A layer of 3 x 2^15 points at three places, interleaved by FID (so that every FID range
// holds some of each), made by doubling three features in SQL as above.
std::filesystem::path points_at_three_places(const test::TempDir& dir) {
  const auto path = dir / "three.gpkg";
  test::write_layer(path, "GPKG", "points", 4547, {{"id", "String"}},
                    {{"POINT (431000 3893000)", {"A"}},
                     {"POINT (433000 3893000)", {"B"}},
                     {"POINT (431000 3899000)", {"C"}}});
  for (int k = 0; k < 15; ++k) {
    test::execute_sql(path, "INSERT INTO points (geom, id) SELECT geom, id FROM points ORDER BY fid");
  }
  return path;
}

// A box reads only the features that meet it, through the layer's R-tree, on one connection or
// several (the layer is large enough to be read in FID ranges): the same features, in FID
// order, as reading everything and keeping those at the places inside the box.
TEST(ReadLayer, SpatialFilterKeepsExactlyTheFeaturesInTheBox) {
  const test::TempDir dir;
  const auto path = points_at_three_places(dir);
  ReadOptions all;
  all.threads = 1;
  const RawLayer whole = read_layer(path.string(), "points", all);
  ASSERT_EQ(whole.features.size(), 3U << 15);
  const auto id = [](const RawFeature& f) { return std::get<std::string>(f.values[0]); };
  struct Case {
    Extent box;
    std::string ids;  // the places inside
  };
  const std::vector<Case> cases{
      {Extent{430900, 3892900, 431100, 3893100}, "A"},
      {Extent{430000, 3892000, 434000, 3894000}, "AB"},
      {Extent{432000, 3895000, 432500, 3896000}, ""},  // between the places: nothing
      {Extent{431000, 3899000, 431000, 3899000}, "C"},  // a box of no size on the point
  };
  for (const auto& c : cases) {
    std::vector<long long> expected;
    for (const auto& f : whole.features) {
      if (c.ids.find(id(f)) != std::string::npos) expected.push_back(f.fid);
    }
    for (const unsigned threads : {1U, 2U}) {
      ReadOptions filtered;
      filtered.threads = threads;
      filtered.filter = c.box;
      const RawLayer part = read_layer(path.string(), "points", filtered);
      std::vector<long long> fids;
      for (const auto& f : part.features) fids.push_back(f.fid);
      EXPECT_EQ(fids, expected) << c.ids << ", " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace cx::io
