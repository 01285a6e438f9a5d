#include "cx/report/diff_words.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "cx/io/vector_reader.hpp"
#include "mesh_words.hpp"

namespace cx::report {
namespace {

/// One output table as rows of field → value (missing table: no rows).
using Record = std::map<std::string, io::FieldValue>;

std::vector<Record> table(const std::string& path, const std::string& name) {
  const auto names = io::list_layers(path);
  if (std::find(names.begin(), names.end(), name) == names.end()) return {};
  const auto raw = io::read_layer(path, name);
  std::vector<Record> out;
  for (const auto& f : raw.features) {
    Record r;
    for (std::size_t i = 0; i < raw.fields.size(); ++i) r[raw.fields[i].name] = f.values[i];
    out.push_back(std::move(r));
  }
  return out;
}

std::string text(const Record& r, const std::string& field) {
  const auto it = r.find(field);
  if (it == r.end()) return {};
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return {};
}

double number(const Record& r, const std::string& field) {
  const auto it = r.find(field);
  if (it == r.end()) return 0.0;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&it->second)) return static_cast<double>(*i);
  return 0.0;
}

bool is_crossaxis_output(const std::string& path) {
  for (const auto& r : table(path, "run_metadata")) {
    if (text(r, "key") == "engine" && text(r, "value").starts_with("crossaxis")) return true;
  }
  return false;
}

/// The figures compared, read from one output.
struct Figures {
  double new_take_ha = 0.0, new_take_mu = 0.0;
  double take_ha = 0.0;  // all the land the proposals take, new and already road
  std::vector<std::pair<std::string, double>> classes_ha;  // first-level classes of take_ha, largest first
  std::map<std::string, double> protected_ha;              // zone kind → ha inside
  double outside_boundary_ha = 0.0;
  std::optional<double> mean_time_change_min;
  std::map<std::string, std::pair<double, double>> rivers;  // river → (links across, mean detour)
  std::optional<double> mesh_ha;
  std::size_t patches = 0;
};

Figures read_figures(const std::string& path) {
  Figures f;
  for (const auto& r : table(path, "land_take_by_class")) {
    if (text(r, "scope") != "all_proposals") continue;
    if (text(r, "code") == "new_take") {
      f.new_take_ha = number(r, "area_ha");
      f.new_take_mu = number(r, "area_mu");
    } else if (text(r, "code") == "total") {
      f.take_ha = number(r, "area_ha");
    } else if (text(r, "level") == "1" && number(r, "area_ha") > 0.0) {
      f.classes_ha.emplace_back(text(r, "code") + " " + text(r, "name_zh") + " " + text(r, "name_en"), number(r, "area_ha"));
    }
  }
  std::stable_sort(f.classes_ha.begin(), f.classes_ha.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  for (const auto& r : table(path, "conflicts_summary")) {
    if (text(r, "scope") != "proposal") continue;
    if (text(r, "relation") == "outside") {
      f.outside_boundary_ha += number(r, "area_ha");
    } else if (text(r, "kind") != "urban_dev_boundary") {
      f.protected_ha[text(r, "kind")] += number(r, "area_ha");
    }
  }
  for (const auto& r : table(path, "od_delta")) {
    if (text(r, "measure") == "mean") f.mean_time_change_min = number(r, "delta_time_min");
  }
  for (const auto& r : table(path, "cross_river")) {
    if (text(r, "network") == "scenario") f.rivers[text(r, "river")] = {number(r, "crossing_links"), number(r, "mean_detour")};
  }
  for (const auto& r : table(path, "fragmentation")) {
    if (text(r, "network") != "scenario") continue;
    f.mesh_ha = number(r, "effective_mesh_ha");
    f.patches = static_cast<std::size_t>(number(r, "patches"));
  }
  return f;
}

std::string zone_name(const std::string& kind) {
  if (kind == "basic_farmland") return "permanent basic farmland (永久基本农田)";
  if (kind == "eco_redline") return "the ecological red line (生态保护红线)";
  if (kind == "flood_risk") return "flood-risk zones (洪涝风险区)";
  return kind;
}

}  // namespace

std::string diff_in_plain_words(const std::string& path_a, const std::string& path_b) {
  if (!is_crossaxis_output(path_a) || !is_crossaxis_output(path_b)) return {};
  const Figures a = read_figures(path_a), b = read_figures(path_b);
  std::string out = "## In plain words (B against A)\n\n";
  out += fmt::format("- **Land**: B's proposals take {:.2f} ha ({:.1f} 亩) of new land; A's take {:.2f} ha ({:.1f} 亩).",
                     b.new_take_ha, b.new_take_mu, a.new_take_ha, a.new_take_mu);
  if (!b.classes_ha.empty()) {
    std::vector<std::string> main;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, b.classes_ha.size()); ++i) {
      main.push_back(fmt::format("{} {:.2f} ha", b.classes_ha[i].first, b.classes_ha[i].second));
    }
    // The classes are of all the land taken: road land already in use is in them too.
    out += fmt::format(" Of all the land B's proposals take ({:.2f} ha, with road land already in use), "
                       "most is {}.", b.take_ha, fmt::join(main, ", "));
  }
  out += "\n";
  std::map<std::string, int> kinds;
  for (const auto& [k, v] : a.protected_ha) kinds[k] = 0;
  for (const auto& [k, v] : b.protected_ha) kinds[k] = 0;
  if (kinds.empty()) {
    out += "- **Protected zones**: neither A's nor B's proposals touch basic farmland, the ecological red line or a flood-risk zone.\n";
  }
  for (const auto& [kind, unused] : kinds) {
    const double ha_b = b.protected_ha.count(kind) ? b.protected_ha.at(kind) : 0.0;
    const double ha_a = a.protected_ha.count(kind) ? a.protected_ha.at(kind) : 0.0;
    out += fmt::format("- **Protected zones**: B's proposals overlap {} by {:.2f} ha ({:.1f} 亩); A's by {:.2f} ha.\n",
                       zone_name(kind), ha_b, ha_b * 15.0, ha_a);
  }
  if (a.outside_boundary_ha > 0.0 || b.outside_boundary_ha > 0.0) {
    out += fmt::format("- **Urban development boundary (城镇开发边界)**: {:.2f} ha of B's proposals lie outside it; {:.2f} ha of A's.\n",
                       b.outside_boundary_ha, a.outside_boundary_ha);
  }
  const auto minutes = [](const std::optional<double>& m) { return m ? fmt::format("{:+.3f} min", *m) : std::string("not computed"); };
  out += fmt::format("- **Travel time**: with B's proposals the mean zone-to-zone travel time changes by {} against the "
                     "baseline network; with A's by {}.\n", minutes(b.mean_time_change_min), minutes(a.mean_time_change_min));
  for (const auto& [river, links] : b.rivers) {
    const auto found = a.rivers.find(river);
    out += fmt::format("- **Across {}**: {} road links in B, {} in A; mean detour between the banks {:.3f} in B, {} in A.\n",
                       river, links.first, found != a.rivers.end() ? fmt::format("{}", found->second.first) : "–",
                       links.second, found != a.rivers.end() ? fmt::format("{:.3f}", found->second.second) : "–");
  }
  if (a.mesh_ha && b.mesh_ha) {
    const double change = *b.mesh_ha - *a.mesh_ha;
    out += fmt::format("- **Ecological corridor**: effective mesh size {:.2f} ha in {} patches in B, {:.2f} ha in {} "
                       "in A ({:+.2f} ha in B: {}).\n",
                       *b.mesh_ha, b.patches, *a.mesh_ha, a.patches, change,
                       detail::mesh_change_words(a.patches, b.patches, change * 10000.0));
  }
  return out + "\n";
}

}  // namespace cx::report
