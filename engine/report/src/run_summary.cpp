#include "cx/report/run_summary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cx/constraints/constraint_layer.hpp"
#include "cx/core/units.hpp"
#include "cx/landuse/land_use_classes.hpp"
#include "mesh_words.hpp"

namespace cx::report {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string area_line(const std::string& label, double area_m2) {
  return fmt::format("    {:<34} {:>14.1f} {:>11.4f} {:>11.2f}\n", label, area_m2,
                     units::m2_to_ha(area_m2), units::m2_to_mu(area_m2));
}

std::string take_block(const std::string& heading, const overlay::TakeBreakdown& take) {
  std::string out = fmt::format("  {} (each m² once):\n", heading);
  out += fmt::format("    {:<34} {:>14} {:>11} {:>11}\n", "class", "m2", "ha", "mu (亩)");
  for (const auto& c : take.by_level1) {
    const auto* cls = landuse::first_level_class(c.code);
    const std::string label = cls ? c.code + " " + std::string(cls->name_en) : c.code;
    out += area_line(label, c.area_m2);
  }
  if (take.unclassified_m2 > 0.0) out += area_line("unclassified", take.unclassified_m2);
  out += area_line("total", take.total_m2);
  if (take.already_road_m2 > 0.0) {
    out += area_line("  of which on road land already", take.already_road_m2);
    out += area_line("  new take", take.new_take_m2());
  }
  return out;
}

std::string area_text(double area_m2) {
  return fmt::format("{:.1f} m² ({:.4f} ha, {:.2f} 亩)", area_m2, units::m2_to_ha(area_m2),
                     units::m2_to_mu(area_m2));
}

std::string conflict_label(const scenario::ConflictSummary& c) {
  const auto& rule = constraints::rule_for(c.kind);
  if (c.kind == constraints::ConstraintKind::FloodRisk) {
    return fmt::format("flood risk level {} ({})", c.level.value_or(0), rule.name_zh);
  }
  if (c.kind == constraints::ConstraintKind::UrbanDevBoundary) {
    return fmt::format("{} the urban development boundary ({})", c.outside ? "outside" : "inside",
                       rule.name_zh);
  }
  return fmt::format("{} ({})", constraints::to_string(c.kind), rule.name_zh);
}

std::string conflicts_block(const std::vector<scenario::ConflictSummary>& conflicts) {
  std::string out = "    三区三线 and flood:\n";
  if (conflicts.empty()) return out + "      no protected zone touched\n";
  for (const auto& c : conflicts) {
    const bool inside_boundary = c.kind == constraints::ConstraintKind::UrbanDevBoundary && !c.outside;
    out += fmt::format("      {}: {}, {:.1f} m of centre line", conflict_label(c),
                       area_text(c.area_m2), c.centre_length_m);
    if (!c.outside) out += fmt::format(" (zones {})", join(c.zone_ids));
    if (!inside_boundary) out += fmt::format(" -> {}", constraints::rule_for(c.kind).consequence);
    out += "\n";
  }
  return out;
}

std::string below_grade_block(const scenario::ProposalSummary& p) {
  std::string out;
  if (p.below_grade_in_flood > 0) {
    out += fmt::format("      {} below-grade line(s) inside flood-risk zones: flagged\n",
                       p.below_grade_in_flood);
  }
  return out;
}

std::string crossings_block(const scenario::ProposalSummary& p) {
  std::string out;
  for (const auto& c : p.river_crossings) {
    const std::string angle =
        c.angle_deg ? fmt::format(" at {:.0f}°", *c.angle_deg) : std::string();
    if (p.kind == roads::WorkKind::Water) {
      out += fmt::format("    joins {} ({:.1f} m inside its water{})\n", c.river,
                         c.length_over_water_m, angle);
    } else {
      out += fmt::format("    crosses {} over {:.1f} m of water{}, {}\n", c.river,
                         c.length_over_water_m, angle,
                         c.bridge ? "on a bridge" : "NOT on a bridge (finding)");
    }
  }
  if (p.corridor_area_m2 > 0.0 && p.kind == roads::WorkKind::Water) {
    out += fmt::format("    ecological corridor: {:.1f} m of centre line inside, {} of "
                       "right-of-way (a water link: it joins the corridor's patches)\n",
                       p.corridor_length_m, area_text(p.corridor_area_m2));
  } else if (p.corridor_area_m2 > 0.0) {
    out += fmt::format("    ecological corridor: {:.1f} m of centre line inside, {} of "
                       "right-of-way, {} wildlife-passage candidate(s)\n",
                       p.corridor_length_m, area_text(p.corridor_area_m2), p.corridor_crossings);
  }
  return out;
}

std::string proposal_block(const scenario::ProposalSummary& p) {
  std::string out = fmt::format("  proposal {} ({}): {:.1f} m of centre line\n", p.id, p.name,
                                p.centre_length_m);
  out += take_block("  land take", p.take);
  out += conflicts_block(p.conflicts);
  out += below_grade_block(p);
  out += crossings_block(p);
  return out;
}

std::string minutes(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f} min", *value) : std::string("n/a");
}

// Pairs of joined zones with no path between them: the mean time leaves them out, so it is
// said beside it.
std::string unreachable_pairs(const scenario::NetworkSummary& n) {
  const std::size_t pairs = n.zones_snapped * (n.zones_snapped > 0 ? n.zones_snapped - 1 : 0);
  if (n.reachable_pairs >= pairs) return {};
  return fmt::format(" ({} of {} pairs unreachable)", pairs - n.reachable_pairs, pairs);
}

std::string network_line(const char* label, const scenario::NetworkSummary& n, std::size_t zones) {
  return fmt::format("    {:<9} {:>6} nodes {:>6} edges {:>4} component(s), {}/{} zones joined{}, "
                     "mean zone-to-zone time {}\n"
                     "              {} independent cycles, {} critical links and {} critical "
                     "junctions (their loss cuts the network)\n",
                     label, n.nodes, n.edges, n.components, n.zones_snapped, zones,
                     unreachable_pairs(n), minutes(n.mean_od_time_min), n.cyclomatic, n.critical_links,
                     n.critical_junctions);
}

std::string warnings_line(const scenario::ScenarioResult& r) {
  std::size_t warnings = 0;
  for (const auto& d : r.diagnostics.items()) warnings += d.severity == Severity::Warning ? 1 : 0;
  if (warnings == 0) return {};
  return fmt::format("  {} kind(s) of warning; see the 'diagnostics' table\n", warnings);
}

}  // namespace

std::string fragmentation_line(const scenario::ScenarioResult& r) {
  const double change = r.scenario_mesh_m2 - r.baseline_mesh_m2;
  return fmt::format("  ecological corridor: effective mesh size {:.2f} ha in {} patches (baseline) -> "
                     "{:.2f} ha in {} patches ({:+.2f} ha, {})\n",
                     r.baseline_mesh_m2 / 10000.0, r.baseline_patches, r.scenario_mesh_m2 / 10000.0,
                     r.scenario_patches, change / 10000.0,
                     detail::mesh_change_words(r.baseline_patches, r.scenario_patches, change));
}

// Road length each facility reaches within each break (baseline -> scenario, or the one network).
std::string service_lines(const scenario::ScenarioResult& r, bool compare) {
  if (r.services.empty()) return {};
  std::vector<std::string> breaks;
  for (const double b : r.service_breaks_min) breaks.push_back(fmt::format("{:g}", b));
  std::string out = fmt::format("  service areas (km of road reached within {} min):\n", fmt::join(breaks, "/"));
  const auto km = [](const std::vector<double>& v) {
    if (v.empty()) return std::string("not joined to the network");
    std::vector<std::string> parts;
    for (const double x : v) parts.push_back(fmt::format("{:.1f}", x));
    return fmt::format("{}", fmt::join(parts, "/"));
  };
  for (const auto& s : r.services) {
    out += compare ? fmt::format("    {}: {} -> {}\n", s.facility, km(s.baseline_km), km(s.scenario_km))
                   : fmt::format("    {}: {}\n", s.facility, km(s.baseline_km));
  }
  return out;
}

std::string format_network_summary(const scenario::ScenarioResult& r) {
  std::string out = fmt::format("== network -> {}\n", r.output.string());
  for (const auto& input : r.inputs) {
    out += fmt::format("  {}: {} features from {} (layer {}, {})\n", input.layer_type, input.features,
                       input.path, input.layer, input.source_crs);
  }
  out += network_line("network", r.baseline, r.zone_count);
  for (const auto& river : r.rivers) {
    out += fmt::format("  across {}: {} road links; mean detour between opposite banks {}\n",
                       river.river, river.baseline_links,
                       river.baseline_mean_detour ? fmt::format("{:.3f}", *river.baseline_mean_detour)
                                                  : std::string("n/a"));
  }
  out += service_lines(r, false);
  return out + warnings_line(r);
}

std::string format_run_summary(const scenario::ScenarioResult& r) {
  std::string out = fmt::format("== {} ({}) -> {}\n", r.title, r.name, r.output.string());
  if (r.proposals.empty()) {
    out += "  proposals: none (baseline)\n";
    out += take_block("land under the existing roads' right-of-way", r.existing_take);
  } else {
    out += "  proposals: " + join(r.proposals) + "\n";
    for (const auto& p : r.proposal_summaries) out += proposal_block(p);
    if (r.proposal_summaries.size() > 1) {
      out += take_block("land take of all proposals together", r.proposal_take);
    }
  }
  if (r.has_corridors) out += fragmentation_line(r);
  if (!r.has_network) return out + warnings_line(r);
  out += "  road network:\n";
  out += network_line("baseline", r.baseline, r.zone_count);
  out += network_line("scenario", r.scenario, r.zone_count);
  for (const auto& river : r.rivers) {
    const auto detour = [](const std::optional<double>& d) {
      return d ? fmt::format("{:.3f}", *d) : std::string("n/a");
    };
    out += fmt::format("  across {}: {} -> {} road links; mean detour between opposite banks {} -> {}\n",
                       river.river, river.baseline_links, river.scenario_links,
                       detour(river.baseline_mean_detour), detour(river.scenario_mean_detour));
  }
  out += service_lines(r, true);
  if (r.mean_time_change_min) {
    out += fmt::format("  change in mean zone-to-zone travel time against the baseline: {:+.3f} "
                       "min over {} zone pairs",
                       *r.mean_time_change_min, r.pairs_compared);
    if (r.pairs_newly_reachable > 0) {
      out += fmt::format(" ({} pairs newly connected)", r.pairs_newly_reachable);
    }
    out += "\n";
  }
  return out + warnings_line(r);
}

std::string format_overlay_summary(const scenario::ScenarioResult& r) {
  std::string out = fmt::format("== overlay -> {}\n", r.output.string());
  for (const auto& input : r.inputs) {
    out += fmt::format("  {}: {} features{} from {} (layer {}, {})\n", input.layer_type, input.features,
                       input.near_roads_only ? " within reach of the roads" : "", input.path, input.layer,
                       input.source_crs);
  }
  out += take_block("land under the roads' right-of-way", r.existing_take);
  const bool has_zones = std::any_of(r.inputs.begin(), r.inputs.end(),
                                     [](const auto& i) { return i.layer_type == "constraints"; });
  if (has_zones) out += conflicts_block(r.existing_conflicts);
  return out + warnings_line(r);
}

}  // namespace cx::report
