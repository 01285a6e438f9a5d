#include "cx/zones/styles.hpp"

#include <fmt/format.h>

#include "embedded_styles.hpp"

namespace cx::zones {

output::LayerStyle service_areas_style(const std::vector<double>& breaks_min) {
  const std::vector<std::string> greens{"0,109,44,255", "49,163,84,255", "116,196,118,255",
                                        "186,228,179,255", "237,248,233,255"};
  std::vector<output::qml::Category> classes;
  for (std::size_t i = 0; i < breaks_min.size(); ++i) {
    const std::size_t pick = breaks_min.size() == 1 ? 0 : i * (greens.size() - 1) / (breaks_min.size() - 1);
    classes.push_back({fmt::format("{:g}", breaks_min[i]), fmt::format("{:g} 分钟 min", breaks_min[i]), greens[pick]});
  }
  return output::qml::categorized_style("service_areas", "service areas by time", embedded_style("service_areas"), classes,
                                         output::qml::SymbolKind::Fill, "Service areas by time break");
}

}  // namespace cx::zones
