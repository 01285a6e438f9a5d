#include <gtest/gtest.h>

#include "cx/schema/field_conversion.hpp"

namespace cx::schema {
namespace {

using io::FieldValue;

TEST(FieldConversion, ParsesNumbersInTextStrictly) {
  EXPECT_EQ(convert_value(FieldValue{std::string("12.5")}, FieldType::Real), FieldValue{12.5});
  EXPECT_EQ(convert_value(FieldValue{std::string(" 40 ")}, FieldType::Real), FieldValue{40.0});
  EXPECT_FALSE(convert_value(FieldValue{std::string("wide")}, FieldType::Real).has_value());
  EXPECT_FALSE(convert_value(FieldValue{std::string("12 m")}, FieldType::Real).has_value());
  EXPECT_FALSE(convert_value(FieldValue{std::string("nan")}, FieldType::Real).has_value());
}

TEST(FieldConversion, IntegersMustBeWhole) {
  EXPECT_EQ(convert_value(FieldValue{3.0}, FieldType::Integer), FieldValue{std::int64_t{3}});
  EXPECT_FALSE(convert_value(FieldValue{3.5}, FieldType::Integer).has_value());
  EXPECT_EQ(convert_value(FieldValue{std::string("-1")}, FieldType::Integer),
            FieldValue{std::int64_t{-1}});
}

TEST(FieldConversion, BooleansAcceptCommonSpellings) {
  EXPECT_EQ(convert_value(FieldValue{std::string("yes")}, FieldType::Boolean),
            FieldValue{std::int64_t{1}});
  EXPECT_EQ(convert_value(FieldValue{std::string("F")}, FieldType::Boolean),
            FieldValue{std::int64_t{0}});
  EXPECT_FALSE(convert_value(FieldValue{std::int64_t{2}}, FieldType::Boolean).has_value());
}

TEST(FieldConversion, EmptyTextInANumericFieldIsMissing) {
  EXPECT_EQ(convert_value(FieldValue{std::string("")}, FieldType::Real), FieldValue{});
  EXPECT_EQ(convert_value(FieldValue{}, FieldType::Integer), FieldValue{});
}

}  // namespace
}  // namespace cx::schema
