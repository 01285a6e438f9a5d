#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cx/geom/geometry.hpp"
#include "cx/schema/layer_loader.hpp"

namespace cx::constraints {

/// The protected zones of 三区三线 plus flood risk.
enum class ConstraintKind {
  BasicFarmland,     ///< 永久基本农田
  EcoRedline,        ///< 生态保护红线
  UrbanDevBoundary,  ///< 城镇开发边界
  FloodRisk,         ///< flood-risk zone with a level
};

struct Constraint {
  std::string key;
  long long fid = 0;
  ConstraintKind kind = ConstraintKind::BasicFarmland;
  std::optional<int> level;  ///< flood-risk level, 1 (lowest) to 3 (highest)
  std::string name;
  geom::Geometry geometry;
};

/// Fields: id, kind (required: basic_farmland, eco_redline, urban_dev_boundary, flood_risk),
/// level (integer, required for flood_risk), name. Polygon geometry.
[[nodiscard]] const schema::LayerSchema& constraint_schema();
/// Throws cx::InputError for an unknown kind or a flood zone without a level.
[[nodiscard]] std::vector<Constraint> to_constraints(schema::LoadedLayer&& layer);
[[nodiscard]] std::string_view to_string(ConstraintKind kind);

/// What planning rule a protected zone carries and what touching it means for a project
/// (DOMAIN.md, 三区三线 and flood). Text for reports and the land-saving chapter.
struct ConstraintRule {
  std::string_view name_zh;
  std::string_view rule;
  std::string_view consequence;
};
[[nodiscard]] const ConstraintRule& rule_for(ConstraintKind kind);
/// What follows from a work's overlap with a zone of `kind`: the rule's consequence, except
/// inside the urban development boundary (where building is planned), where nothing does.
[[nodiscard]] std::string_view consequence_of(ConstraintKind kind, bool outside);

}  // namespace cx::constraints
