#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cx/constraints/constraint_layer.hpp"
#include "cx/geom/geometry.hpp"
#include "cx/overlay/works.hpp"

namespace cx::overlay {

/// Where a work's right-of-way meets one protected zone (or, for the urban development
/// boundary, lies outside every boundary polygon: `outside` is true and `constraint` empty).
struct Conflict {
  std::size_t work = 0;  ///< position in the work list
  constraints::ConstraintKind kind = constraints::ConstraintKind::BasicFarmland;
  std::optional<std::size_t> constraint;  ///< position in the constraint list
  bool outside = false;
  std::optional<int> level;  ///< flood-risk level
  geom::Geometry overlap;    ///< right-of-way ∩ zone (or right-of-way − boundary)
  double area_m2 = 0.0;
  double centre_length_m = 0.0;  ///< centre line inside (outside, for the boundary)
};

/// A below-grade line (tunnel, underpass, z-level < 0) inside a flood-risk zone.
struct BelowGradeFlag {
  std::size_t work = 0;
  std::size_t line = 0;        ///< position in the line list
  std::size_t constraint = 0;  ///< the flood zone
  double length_m = 0.0;       ///< of the line inside the zone
};

/// A work's conflicts with one kind of zone (one flood level; inside or outside the boundary),
/// each square metre and metre counted once: where zones of the kind overlap, the parts of the
/// work in them are merged before they are measured.
struct ConflictTotal {
  std::size_t work = 0;
  constraints::ConstraintKind kind = constraints::ConstraintKind::BasicFarmland;
  bool outside = false;
  std::optional<int> level;
  double area_m2 = 0.0;
  double centre_length_m = 0.0;
};

struct ConflictResult {
  std::vector<Conflict> conflicts;  ///< by work, then constraint order; zero areas left out
  std::vector<ConflictTotal> totals;  ///< by work, then in the order each kind first appears
  std::vector<BelowGradeFlag> below_grade;
};

/// Overlays every work's right-of-way and centre line with the protected zones: basic
/// farmland, ecological red line, flood-risk zones (each touched polygon), and the urban
/// development boundary (each touched polygon, plus the part outside all of them when the
/// layer has any). Lines are the works' lines (for below-grade checks).
[[nodiscard]] ConflictResult find_conflicts(const geom::GeosContext& ctx,
                                            const std::vector<Work>& works,
                                            const std::vector<const roads::Road*>& lines,
                                            const std::vector<constraints::Constraint>& zones);

}  // namespace cx::overlay
