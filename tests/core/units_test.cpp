#include <gtest/gtest.h>

#include "cx/core/units.hpp"

namespace cx {
namespace {

TEST(Units, OneHectareIsFifteenMu) {
  EXPECT_DOUBLE_EQ(units::m2_to_ha(10000.0), 1.0);
  EXPECT_DOUBLE_EQ(units::m2_to_mu(10000.0), 15.0);
  // 1 mu = 2000/3 m², computed from m², not from a rounded hectare figure.
  EXPECT_DOUBLE_EQ(units::m2_to_mu(2000.0 / 3.0), 1.0);
}

}  // namespace
}  // namespace cx
