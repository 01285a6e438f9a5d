#include "cx/constraints/constraint_layer.hpp"

#include <array>
#include <utility>

#include "cx/core/error.hpp"
#include "cx/schema/feature_keys.hpp"

namespace cx::constraints {
namespace {

constexpr std::array<std::pair<ConstraintKind, std::string_view>, 4> kind_names{{
    {ConstraintKind::BasicFarmland, "basic_farmland"},
    {ConstraintKind::EcoRedline, "eco_redline"},
    {ConstraintKind::UrbanDevBoundary, "urban_dev_boundary"},
    {ConstraintKind::FloodRisk, "flood_risk"},
}};

constexpr std::array<std::pair<ConstraintKind, ConstraintRule>, 4> rules{{
    {ConstraintKind::BasicFarmland,
     {"永久基本农田",
      "permanent basic farmland: only nationally listed major projects may occupy it",
      "re-provide (补划) the occupied area in equal quantity and quality"}},
    {ConstraintKind::EcoRedline,
     {"生态保护红线",
      "ecological protection red line: development is banned; linear infrastructure in a "
      "county-level or higher plan that cannot avoid it is an allowed exception",
      "needs an unavoidability argument (不可避让论证)"}},
    {ConstraintKind::UrbanDevBoundary,
     {"城镇开发边界", "urban development boundary: building outside it is a conflict to report",
      "reported: the part outside the urban development boundary"}},
    {ConstraintKind::FloodRisk,
     {"洪涝风险区", "flood-risk zone (lesson of the July 2021 Henan storm)",
      "check flood resilience; below-grade elements (tunnels, underpasses) are flagged"}},
}};

}  // namespace

std::string_view consequence_of(ConstraintKind kind, bool outside) {
  // Inside the boundary is where building is planned: nothing follows from it.
  if (kind == ConstraintKind::UrbanDevBoundary && !outside) return "none: inside the boundary, where building is planned";
  return rule_for(kind).consequence;
}

const ConstraintRule& rule_for(ConstraintKind kind) {
  for (const auto& [k, rule] : rules) {
    if (k == kind) return rule;
  }
  return rules.front().second;
}

const schema::LayerSchema& constraint_schema() {
  static const schema::LayerSchema s{
      .name = "constraints",
      .geometry = schema::GeometryFamily::Polygon,
      .fields = {{"id", schema::FieldType::Text, false, "constraint id, unique"},
                 {"kind", schema::FieldType::Text, true,
                  "basic_farmland, eco_redline, urban_dev_boundary or flood_risk"},
                 {"level", schema::FieldType::Integer, false, "flood-risk level 1-3"},
                 {"name", schema::FieldType::Text, false, "name"}}};
  return s;
}

std::string_view to_string(ConstraintKind kind) {
  for (const auto& [k, name] : kind_names) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::vector<Constraint> to_constraints(schema::LoadedLayer&& layer) {
  const auto keys = schema::feature_keys(layer, "id");
  std::vector<Constraint> out;
  out.reserve(layer.features.size());
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    auto& f = layer.features[i];
    const std::string kind_text = layer.text(f, "kind");
    std::optional<ConstraintKind> kind;
    for (const auto& [k, name] : kind_names) {
      if (name == kind_text) kind = k;
    }
    if (!kind) {
      throw InputError("constraint kind '" + kind_text + "' is not one of basic_farmland, "
                       "eco_redline, urban_dev_boundary, flood_risk",
                       layer.where(f, "kind"));
    }
    Constraint c{.key = keys[i], .fid = f.fid, .kind = *kind, .level = std::nullopt,
                 .name = layer.text(f, "name"), .geometry = std::move(f.geometry)};
    if (layer.has(f, "level")) c.level = static_cast<int>(layer.integer(f, "level", 0));
    if (*kind == ConstraintKind::FloodRisk && (!c.level || *c.level < 1 || *c.level > 3)) {
      throw InputError("a flood_risk zone needs a level from 1 to 3", layer.where(f, "level"));
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace cx::constraints
