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

// Every value must fall inside a class as QGIS reads the bounds back from the text: bounds
// rounded to six decimals left 2.90000058 below a class starting at 2.900001.
TEST(Qml, ClassBoundsReadBackAsTheValuesThemselves) {
  const std::vector<double> values{2.90000058, 2.90000058, 6.90000138, 6.90000138};
  const auto ranges = quantile_ranges(values, {"a", "b"}, {1, 2}, 2);
  ASSERT_FALSE(ranges.empty());
  const auto filled = graduated(ranges, SymbolKind::Fill);
  ASSERT_EQ(filled[0].first, "RANGES");
  const std::string& text = filled[0].second;
  const auto bound = [&text](const char* name, std::size_t from) {
    const auto at = text.find(std::string(name) + "=\"", from) + std::string(name).size() + 2;
    return std::stod(text.substr(at, text.find('"', at) - at));
  };
  EXPECT_EQ(bound("lower", 0), 2.90000058);
  EXPECT_EQ(bound("upper", text.rfind("<range")), 6.90000138);
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
