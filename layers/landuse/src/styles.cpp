#include "cx/landuse/styles.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "cx/landuse/land_use_classes.hpp"
#include "embedded_styles.hpp"

namespace cx::landuse {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> colours{{
    {"01", "245,248,200,255"}, {"02", "191,233,170,255"}, {"03", "104,177,103,255"},
    {"04", "205,245,122,255"}, {"05", "101,205,170,255"}, {"06", "216,215,159,255"},
    {"07", "255,255,45,255"},  {"08", "255,127,191,255"}, {"09", "255,0,0,255"},
    {"10", "187,150,116,255"}, {"11", "135,97,211,255"},  {"12", "182,182,182,255"},
    {"13", "0,99,128,255"},    {"14", "0,200,0,255"},     {"15", "133,145,86,255"},
    {"16", "255,255,255,255"}, {"17", "77,153,255,255"},  {"18", "120,180,230,255"},
    {"19", "100,150,210,255"}, {"20", "80,130,200,255"},  {"21", "140,200,240,255"},
    {"22", "60,110,180,255"},  {"23", "210,210,200,255"}, {"24", "170,210,240,255"},
}};

}  // namespace

std::string_view class_colour(std::string_view level1) {
  for (const auto& [code, colour] : colours) {
    if (code == level1) return colour;
  }
  return "150,150,150,255";
}

output::LayerStyle land_take_style() {
  std::vector<output::qml::Category> classes;
  for (const auto& [code, colour] : colours) {
    const LandUseClass* c = first_level_class(code);
    classes.push_back({std::string(code), std::string(code) + " " + std::string(c->name_zh) + " " + std::string(c->name_en),
                       std::string(colour)});
  }
  classes.push_back({"", "其他 Other codes", "150,150,150,255"});  // an empty value: all other values
  return output::qml::categorized_style("land_take", "land_take by class", embedded_style("land_take"), classes,
                                         output::qml::SymbolKind::Fill, "Land take coloured by first-level land-use class (2023 system)");
}

}  // namespace cx::landuse
