#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cx/core/joined_key.hpp"

namespace cx {
namespace {

// Against the strings themselves, on parts made of few letters (so prefixes and equal parts
// are common), '|' among them, and bytes above 0x7F (UTF-8 ids), which compare unsigned.
TEST(JoinedKey, OrdersAsTheJoinedStringsDo) {
  std::mt19937 random(11);
  const std::string alphabet = "ab|\xE5z";
  const auto part = [&] {
    std::string s(random() % 4, ' ');
    for (char& c : s) c = alphabet[random() % alphabet.size()];
    return s;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string a1 = part(), a2 = part(), b1 = part(), b2 = part();
    EXPECT_EQ(joined_key_less(a1, a2, b1, b2), a1 + "|" + a2 < b1 + "|" + b2)
        << "'" << a1 << "|" << a2 << "' vs '" << b1 << "|" << b2 << "'";
  }
}

TEST(JoinedKey, FirstPartRunningIntoTheSeparator) {
  // "r1|x" against "r1x|a": '|' (0x7C) sorts after 'x' (0x78), so the longer work key first.
  EXPECT_TRUE(joined_key_less("r1x", "a", "r1", "x"));
  EXPECT_FALSE(joined_key_less("r1", "x", "r1x", "a"));
  // "a|b|c" is the same key whichever '|' joins it.
  EXPECT_FALSE(joined_key_less("a|b", "c", "a", "b|c"));
  EXPECT_FALSE(joined_key_less("a", "b|c", "a|b", "c"));
}

}  // namespace
}  // namespace cx
