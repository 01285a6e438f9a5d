#include "cx/rivers/styles.hpp"

#include "embedded_styles.hpp"

namespace cx::rivers {

output::LayerStyle crossings_style() {
  const std::vector<output::qml::Category> classes{
      {"river", "跨河 River crossing", "30,110,220,255", 3.0},
      {"corridor", "生态廊道穿越 Corridor passage", "0,150,60,255", 3.0},
      {"", "其他 Other", "150,150,150,255", 2.0},
  };
  return output::qml::categorized_style("crossings", "crossings by kind", embedded_style("crossings"), classes,
                                         output::qml::SymbolKind::Marker, "River crossings and ecological-corridor passages, by kind");
}

}  // namespace cx::rivers
