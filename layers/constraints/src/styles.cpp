#include "cx/constraints/styles.hpp"

#include "embedded_styles.hpp"

namespace cx::constraints {

output::LayerStyle conflicts_style() {
  const std::vector<output::qml::Category> classes{
      {"basic_farmland inside", "永久基本农田 Permanent basic farmland", "230,30,30,255"},
      {"eco_redline inside", "生态保护红线 Ecological red line", "0,120,60,255"},
      {"flood_risk inside", "洪涝风险区 Flood-risk zone", "30,110,220,255"},
      {"urban_dev_boundary outside", "城镇开发边界外 Outside the urban development boundary", "255,140,0,255"},
      {"urban_dev_boundary inside", "城镇开发边界内 Inside the urban development boundary", "255,230,160,255"},
      {"", "其他 Other", "150,150,150,255"},
  };
  return output::qml::categorized_style("conflicts", "conflicts by rule", embedded_style("conflicts"), classes,
                                         output::qml::SymbolKind::Fill, "Overlaps with protected zones, coloured by the rule that applies");
}

}  // namespace cx::constraints
