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

// One road met in the baseline's network and again in the scenario's (which holds the same
// roads and more) is one feature, whether recorded directly or appended.
TEST(Diagnostics, ListsAFeatureMetAgainLaterOnce) {
  const Diagnostic kind{.code = "network.dangling_end", .severity = Severity::Warning,
                        .path = "a.gpkg", .layer = "roads", .message = "dead ends",
                        .action = "flagged", .feature_ids = {}};
  Diagnostics d;
  for (const long long id : {326, 74, 60, 326, 74, 60, 12}) d.record(kind, id);
  ASSERT_EQ(d.items().size(), 1U);
  EXPECT_EQ(d.items()[0].feature_ids, (std::vector<long long>{326, 74, 60, 12}));
  Diagnostics later;
  for (const long long id : {60, 5, 326}) later.record(kind, id);
  d.append(later);
  EXPECT_EQ(d.items()[0].feature_ids, (std::vector<long long>{326, 74, 60, 12, 5}));
}

// Workers record into their own Diagnostics, appended in key order afterwards: the result must
// be what one recorder meeting the same findings in that order would hold.
TEST(Diagnostics, AppendingWorkersEqualsRecordingInOrder) {
  const auto kind = [](const char* code, const char* message) {
    return Diagnostic{.code = code, .severity = Severity::Warning, .path = "a.gpkg",
                      .layer = "land_use", .message = message, .action = "skipped",
                      .feature_ids = {}};
  };
  const std::vector<std::pair<Diagnostic, long long>> findings = {
      {kind("geom.empty", "empty"), 1}, {kind("geom.invalid", "invalid"), 2},
      {kind("geom.empty", "empty"), 3}, {kind("geom.empty", "empty"), 3},
      {kind("geom.null", "null"), 4},   {kind("geom.invalid", "invalid"), 5}};
  Diagnostics one;
  for (const auto& [k, id] : findings) one.record(k, id);
  one.record(kind("layer.note", "about the layer"));

  Diagnostics first, second, merged;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    (i < 3 ? first : second).record(findings[i].first, findings[i].second);
  }
  second.record(kind("layer.note", "about the layer"));
  merged.append(first);
  merged.append(second);

  ASSERT_EQ(merged.items().size(), one.items().size());
  for (std::size_t i = 0; i < one.items().size(); ++i) {
    EXPECT_EQ(merged.items()[i].code, one.items()[i].code);
    EXPECT_EQ(merged.items()[i].feature_ids, one.items()[i].feature_ids);
  }
  // Feature 3 met twice across the split counts once, as in one recorder.
  EXPECT_EQ(merged.items()[0].feature_ids, (std::vector<long long>{1, 3}));
}

}  // namespace
}  // namespace cx
