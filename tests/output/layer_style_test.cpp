#include <gtest/gtest.h>

#include "cx/core/error.hpp"
#include "cx/output/layer_style.hpp"

namespace cx::output::qml {
namespace {

TEST(Qml, QuantileBreaksOfAKnownListAndOfRepeatedValues) {
  // 11 values 0..10: quintile breaks at positions 0, 2, 4, 6, 8, 10.
  std::vector<double> values;
  for (int i = 10; i >= 0; --i) values.push_back(i);
  EXPECT_EQ(quantile_breaks(values, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
  // Mostly one value: repeated breaks merge into fewer classes.
  EXPECT_EQ(quantile_breaks({1, 1, 1, 1, 1, 1, 1, 1, 1, 5}, 5), (std::vector<double>{1, 5}));
  EXPECT_EQ(quantile_breaks({3, 3}, 5), (std::vector<double>{3, 3}));
  EXPECT_TRUE(quantile_breaks({}, 5).empty());
}

TEST(Qml, QuantileRangesSpreadFewClassesOverTheWholeRamp) {
  const auto ranges = quantile_ranges({1, 1, 1, 1, 1, 1, 1, 1, 1, 5}, {"a", "b", "c"}, {1, 2, 3}, 0);
  ASSERT_EQ(ranges.size(), 1U);
  EXPECT_EQ(ranges[0].colour, "c");
  EXPECT_EQ(ranges[0].label, "1 – 5");
}

TEST(Qml, TemplatesAreFilledAndAMissingValueIsABug) {
  EXPECT_EQ(fill("<a>{{X}}</a><b>{{X}}{{Y}}</b>", {{"X", "1"}, {"Y", "{{"}}), "<a>1</a><b>1{{</b>");
  EXPECT_THROW((void)fill("<a>{{X}}</a>", {}), InternalError);
}

TEST(Qml, AttributeTextIsEscaped) {
  EXPECT_EQ(escape(R"(a<b & "c" 'd'>)"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  EXPECT_NE(category("x&y", "耕地 <1>", "0").find(R"(value="x&amp;y" label="耕地 &lt;1&gt;")"), std::string::npos);
}

}  // namespace
}  // namespace cx::output::qml
