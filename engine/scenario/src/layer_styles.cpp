#include "layer_styles.hpp"

#include "cx/constraints/styles.hpp"
#include "cx/corridors/styles.hpp"
#include "cx/landuse/styles.hpp"
#include "cx/rivers/styles.hpp"
#include "cx/roads/styles.hpp"
#include "cx/zones/styles.hpp"

namespace cx::scenario::detail {

std::vector<output::LayerStyle> default_styles(const ScenarioConfig& config, const ScenarioAnalysis& analysis,
                                               const std::set<std::string>& written) {
  std::vector<output::LayerStyle> out;
  const auto add = [&](output::LayerStyle style) {
    if (written.count(style.table) != 0) out.push_back(std::move(style));
  };
  add(roads::row_style());
  add(landuse::land_take_style());
  add(constraints::conflicts_style());
  add(rivers::crossings_style());
  if (written.count("network_edges") != 0) {
    std::vector<double> betweenness = analysis.baseline.betweenness.edge;
    betweenness.insert(betweenness.end(), analysis.scenario.betweenness.edge.begin(),
                       analysis.scenario.betweenness.edge.end());
    add(roads::network_edges_style(std::move(betweenness)));
  }
  add(zones::service_areas_style(config.service_breaks_min));
  if (written.count("corridor_patches") != 0) {
    std::vector<double> areas_ha;
    for (const auto* f : {&analysis.baseline_fragmentation, &analysis.scenario_fragmentation}) {
      for (const auto& p : f->patches) areas_ha.push_back(p.area_m2 / 10000.0);
    }
    add(corridors::corridor_patches_style(std::move(areas_ha)));
  }
  return out;
}

}  // namespace cx::scenario::detail
