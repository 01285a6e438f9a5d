#include "cx/roads/styles.hpp"

#include "embedded_styles.hpp"

namespace cx::roads {

output::LayerStyle row_style() {
  const std::vector<output::qml::Category> classes{
      {"proposal", "规划 Proposal", "220,40,40,255"},
      {"existing_road", "现状道路 Existing road", "160,160,160,255"},
      {"", "其他 Other", "200,200,200,255"},
  };
  return output::qml::categorized_style("row", "rights-of-way by scope", embedded_style("row"), classes,
                                         output::qml::SymbolKind::Fill, "Rights-of-way: proposals and existing roads");
}

output::LayerStyle network_edges_style(std::vector<double> betweenness) {
  const auto ranges = output::qml::quantile_ranges(
      std::move(betweenness), {"255,255,178,255", "254,204,92,255", "253,141,60,255", "240,59,32,255", "189,0,38,255"},
      {0.3, 0.5, 0.8, 1.2, 1.8}, 0);
  return output::qml::graduated_style("network_edges", "links by betweenness", embedded_style("network_edges"), ranges,
                                         output::qml::SymbolKind::Line, "Road graph links graduated by betweenness (quintiles)");
}

}  // namespace cx::roads
