#include "cx/corridors/styles.hpp"

#include "embedded_styles.hpp"

namespace cx::corridors {

output::LayerStyle corridor_patches_style(std::vector<double> areas_ha) {
  const auto ranges = output::qml::quantile_ranges(
      std::move(areas_ha), {"237,248,233,255", "186,228,179,255", "116,196,118,255", "49,163,84,255", "0,109,44,255"},
      {0.26, 0.26, 0.26, 0.26, 0.26}, 2);
  return output::qml::graduated_style("corridor_patches", "patches by size", embedded_style("corridor_patches"), ranges,
                                         output::qml::SymbolKind::Fill, "Ecological corridor patches graduated by area (ha, quintiles)");
}

}  // namespace cx::corridors
