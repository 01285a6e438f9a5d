// The default QGIS styles written into a scenario's GeoPackage, read back with GDAL and checked
// against the rules QGIS applies when it looks for a layer's default style (DOMAIN.md): catalog
// and schema '' (not NULL), the layer's exact name and geometry column, one default per layer,
// and a QML document that parses, names a renderer over the layer's own fields, and has a
// symbol for every class.
#include <gtest/gtest.h>

#include <cpl_minixml.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <set>
#include <string>

#include "cx/scenario/scenario_config.hpp"
#include "cx/scenario/scenario_runner.hpp"
#include "test_support.hpp"

namespace cx::scenario {
namespace {

struct XmlTree {
  CPLXMLNode* root;
  explicit XmlTree(const std::string& text) : root(CPLParseXMLString(text.c_str())) {}
  ~XmlTree() { CPLDestroyXMLNode(root); }
  XmlTree(const XmlTree&) = delete;
  XmlTree& operator=(const XmlTree&) = delete;
};

std::vector<const CPLXMLNode*> children(const CPLXMLNode* node, const char* name) {
  std::vector<const CPLXMLNode*> out;
  for (const CPLXMLNode* c = node != nullptr ? node->psChild : nullptr; c != nullptr; c = c->psNext) {
    if (c->eType == CXT_Element && std::string(c->pszValue) == name) out.push_back(c);
  }
  return out;
}

std::string attribute(const CPLXMLNode* node, const char* name) {
  return CPLGetXMLValue(node, name, "");
}

class LayerStylesTest : public ::testing::Test {
protected:
  void SetUp() override {
    GDALAllRegister();
    auto config = parse_scenario_file(test::source_path("scripts/scenarios/minzhu_south.toml"));
    RunOptions options;
    options.output = out;
    (void)run_scenario(config, options);
    ds.reset(GDALDataset::Open(out.string().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(ds);
  }
  test::TempDir dir;
  std::filesystem::path out = dir / "minzhu.gpkg";
  GDALDatasetUniquePtr ds;
};

TEST_F(LayerStylesTest, EveryStyledLayerHasOneDefaultStyleQgisWillFind) {
  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  std::map<std::string, int> defaults;
  for (auto& row : *styles) {
    const std::string table = row->GetFieldAsString("f_table_name");
    SCOPED_TRACE(table);
    // Empty strings, not NULL: with NULL, QGIS lists the style but does not apply it.
    ASSERT_TRUE(row->IsFieldSetAndNotNull(row->GetFieldIndex("f_table_catalog")));
    ASSERT_TRUE(row->IsFieldSetAndNotNull(row->GetFieldIndex("f_table_schema")));
    EXPECT_STREQ(row->GetFieldAsString("f_table_catalog"), "");
    EXPECT_STREQ(row->GetFieldAsString("f_table_schema"), "");
    OGRLayer* layer = ds->GetLayerByName(table.c_str());
    ASSERT_NE(layer, nullptr) << "a style for a table that is not there";
    EXPECT_STREQ(row->GetFieldAsString("f_geometry_column"), layer->GetGeometryColumn());
    if (row->GetFieldAsInteger("useAsDefault") == 1) ++defaults[table];
    // Pinned, so that re-runs give the same bytes.
    EXPECT_STREQ(row->GetFieldAsString("update_time"), "2000/01/01 00:00:00+00");  // as GDAL shows it
  }
  const std::set<std::string> expected{"row", "land_take", "conflicts", "crossings",
                                       "network_edges", "service_areas", "corridor_patches"};
  for (const auto& table : expected) EXPECT_EQ(defaults[table], 1) << table;
  EXPECT_EQ(defaults.size(), expected.size());
}

TEST_F(LayerStylesTest, EachStyleIsAQmlRendererOverTheLayersFieldsWithASymbolPerClass) {
  OGRLayer* styles = ds->GetLayerByName("layer_styles");
  ASSERT_NE(styles, nullptr);
  for (auto& row : *styles) {
    const std::string table = row->GetFieldAsString("f_table_name");
    SCOPED_TRACE(table);
    XmlTree qml(row->GetFieldAsString("styleQML"));
    ASSERT_NE(qml.root, nullptr) << "QML that does not parse";
    const CPLXMLNode* qgis = CPLGetXMLNode(qml.root, "=qgis");
    ASSERT_NE(qgis, nullptr);
    const CPLXMLNode* renderer = CPLGetXMLNode(qgis, "renderer-v2");
    ASSERT_NE(renderer, nullptr);
    const std::string type = attribute(renderer, "type");
    const bool categorized = type == "categorizedSymbol";
    ASSERT_TRUE(categorized || type == "graduatedSymbol") << type;

    // The classified field, or every field an expression names, is a field of the layer.
    OGRLayer* layer = ds->GetLayerByName(table.c_str());
    const std::string attr = attribute(renderer, "attr");
    std::vector<std::string> fields;
    if (attr.find('"') == std::string::npos) {
      fields.push_back(attr);
    } else {
      for (auto at = attr.find('"'); at != std::string::npos; at = attr.find('"', attr.find('"', at + 1) + 1)) {
        fields.push_back(attr.substr(at + 1, attr.find('"', at + 1) - at - 1));
      }
    }
    ASSERT_FALSE(fields.empty());
    for (const auto& f : fields) EXPECT_GE(layer->GetLayerDefn()->GetFieldIndex(f.c_str()), 0) << f;

    // Every class draws with a symbol the document defines, of the layer's geometry.
    std::set<std::string> symbols;
    const char* kind = wkbFlatten(layer->GetGeomType()) == wkbPoint ? "marker"
                       : wkbFlatten(layer->GetGeomType()) == wkbLineString ? "line" : "fill";
    for (const CPLXMLNode* s : children(CPLGetXMLNode(renderer, "symbols"), "symbol")) {
      symbols.insert(attribute(s, "name"));
      EXPECT_EQ(attribute(s, "type"), kind);
    }
    const auto classes = children(CPLGetXMLNode(renderer, categorized ? "categories" : "ranges"),
                                  categorized ? "category" : "range");
    ASSERT_FALSE(classes.empty());
    for (const CPLXMLNode* c : classes) EXPECT_EQ(symbols.count(attribute(c, "symbol")), 1U);
    EXPECT_EQ(symbols.size(), classes.size());

    if (categorized && fields.size() == 1) {
      // Every value in the layer has a class of its own (not only the "all other values" one).
      std::set<std::string> values;
      for (const CPLXMLNode* c : classes) values.insert(attribute(c, "value"));
      for (auto& feature : *layer) {
        EXPECT_EQ(values.count(feature->GetFieldAsString(attr.c_str())), 1U) << feature->GetFieldAsString(attr.c_str());
      }
    } else if (!categorized) {
      // The ranges run from the smallest value written to the largest.
      double low = 1e300, high = -1e300;
      for (auto& feature : *layer) {
        low = std::min(low, feature->GetFieldAsDouble(attr.c_str()));
        high = std::max(high, feature->GetFieldAsDouble(attr.c_str()));
      }
      EXPECT_NEAR(std::stod(attribute(classes.front(), "lower")), low, 1e-6 * std::max(1.0, high));
      EXPECT_NEAR(std::stod(attribute(classes.back(), "upper")), high, 1e-6 * std::max(1.0, high));
    }
  }
}

}  // namespace
}  // namespace cx::scenario
