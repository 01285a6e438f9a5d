#include "cx/roads/styles.hpp"

#include "embedded_styles.hpp"

namespace cx::roads {

output::LayerStyle row_style() {
  const std::vector<output::qml::Category> classes{
      {"proposal", "规划 Proposal", "220,40,40,255"},
      {"existing_road", "现状道路 Existing road", "160,160,160,255"},
      {"", "其他 Other", "200,200,200,255"},
  };
  return {.table = "row",
          .name = "rights-of-way by scope",
          .qml = output::qml::fill(embedded_style("row"),
                                   output::qml::categorized(classes, output::qml::SymbolKind::Fill)),
          .description = "Rights-of-way: proposals and existing roads"};
}

output::LayerStyle network_edges_style(std::vector<double> betweenness) {
  const auto ranges = output::qml::quantile_ranges(
      std::move(betweenness), {"255,255,178,255", "254,204,92,255", "253,141,60,255", "240,59,32,255", "189,0,38,255"},
      {0.3, 0.5, 0.8, 1.2, 1.8}, 0);
  return {.table = "network_edges",
          .name = "links by betweenness",
          .qml = output::qml::fill(embedded_style("network_edges"),
                                   output::qml::graduated(ranges, output::qml::SymbolKind::Line)),
          .description = "Road graph links graduated by betweenness (quintiles)"};
}

}  // namespace cx::roads
