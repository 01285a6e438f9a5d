#include <gtest/gtest.h>

#include "cx/io/layer_digest.hpp"
#include "test_support.hpp"

namespace cx::io {
namespace {

std::string sha256(std::string_view text) {
  Sha256 h;
  h.update(text);
  return h.hex_digest();
}

TEST(Sha256, KnownAnswersFromFips180) {
  EXPECT_EQ(sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  Sha256 pieces;  // fed in pieces, the same
  pieces.update("ab");
  pieces.update("c");
  EXPECT_EQ(pieces.hex_digest(), sha256("abc"));
}

class LayerDigestTest : public ::testing::Test {
protected:
  test::TempDir dir;
  const std::vector<test::FixtureField> fields{{"road_id", "String"}, {"width_m", "Real"}};
  std::string digest_of(const std::string& name, const std::vector<test::FixtureFeature>& features,
                        const std::string& driver = "GPKG") {
    const auto path = dir / name;
    test::write_layer(path, driver, "roads", 4547, fields, features);
    return layer_digest(read_layer(path.string(), "roads"));
  }
};

TEST_F(LayerDigestTest, SameDataSameDigestAnyChangeAnotherDigest) {
  const std::vector<test::FixtureFeature> base{
      {"LINESTRING (431000 3890000, 431100 3890000)", {"R1", "40"}},
      {"LINESTRING (431100 3890000, 431100 3890200)", {"R2", "17"}}};
  const std::string reference = digest_of("a.gpkg", base);
  EXPECT_EQ(reference.size(), 64U);
  EXPECT_EQ(digest_of("again.gpkg", base), reference);  // another file, the same content
  auto value_changed = base;
  value_changed[1].values[1] = "18";
  EXPECT_NE(digest_of("value.gpkg", value_changed), reference);
  auto vertex_moved = base;
  vertex_moved[1].wkt = "LINESTRING (431100 3890000, 431100 3890200.001)";
  EXPECT_NE(digest_of("vertex.gpkg", vertex_moved), reference);
  EXPECT_NE(digest_of("fewer.gpkg", {base[0]}), reference);
  auto swapped = base;  // the same values in other features
  std::swap(swapped[0].values, swapped[1].values);
  EXPECT_NE(digest_of("swapped.gpkg", swapped), reference);
}

}  // namespace
}  // namespace cx::io
