#include <gtest/gtest.h>

#include "cx/core/diagnostics.hpp"
#include "cx/core/error.hpp"

namespace cx {
namespace {

TEST(Error, NamesEveryContextPartThatIsSet) {
  const InputError e("value 'wide' is not a number",
                     ErrorContext{.path = "roads.gpkg", .layer = "roads", .feature = 12,
                                  .field = "width_m"});
  EXPECT_STREQ(e.what(),
               "file 'roads.gpkg', layer 'roads', feature 12, field 'width_m': value 'wide' is not "
               "a number");
}

TEST(Error, AddContextFillsOnlyMissingParts) {
  InputError e("bad", ErrorContext{.layer = "inner"});
  e.add_context(ErrorContext{.path = "outer.gpkg", .layer = "outer"});
  EXPECT_EQ(e.context().path, "outer.gpkg");
  EXPECT_EQ(e.context().layer, "inner");
  EXPECT_STREQ(e.what(), "file 'outer.gpkg', layer 'inner': bad");
}

TEST(Diagnostics, CountsRepeatsUnderOneEntry) {
  Diagnostics d;
  const Diagnostic kind{.code = "geom.invalid", .severity = Severity::Warning, .path = "a.gpkg",
                        .layer = "land_use", .message = "invalid polygons",
                        .action = "repaired", .feature_ids = {}};
  d.record(kind, 4);
  d.record(kind, 9);
  ASSERT_EQ(d.items().size(), 1U);
  EXPECT_EQ(d.items()[0].feature_ids, (std::vector<long long>{4, 9}));
  EXPECT_EQ(Diagnostics::describe(d.items()[0]),
            "file 'a.gpkg', layer 'land_use': invalid polygons (2 features, repaired; ids 4, 9)");
}

}  // namespace
}  // namespace cx
