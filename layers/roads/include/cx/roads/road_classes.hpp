#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace cx::roads {

/// Believable red-line widths; outside them a value is a unit or typing error.
inline constexpr double min_width_m = 0.1;
inline constexpr double max_width_m = 200.0;
/// Believable design speeds (a channel's may also be 0: it carries no traffic).
inline constexpr double min_speed_kmh = 1.0;
inline constexpr double max_speed_kmh = 150.0;
/// Believable lane counts and vertical levels (a stack of 20 viaducts is not a road).
inline constexpr int max_lanes = 50;
inline constexpr int max_z_level = 20;

/// Urban road classes (CJJ 37 / GB 51328-2018), plus a water channel for linear water works.
enum class RoadClass { Expressway, Arterial, Secondary, Branch, Channel };

/// Defaults used when a feature has no red-line width or design speed of its own.
struct RoadClassDefaults {
  RoadClass road_class;
  std::string_view name;     ///< as written in data: expressway, arterial, ...
  std::string_view name_zh;  ///< 快速路, 主干路, 次干路, 支路
  double width_m;            ///< red-line width
  double speed_kmh;          ///< design speed
};

/// Class defaults. Widths: middle of the red-line ranges of GB 51328-2018 (expressway 25–35 m
/// without service roads, arterial 40–50, secondary 20–35, branch 14–20); speeds: middle of
/// CJJ 37 design speeds (100/80/60, 60/50/40, 50/40/30, 40/30/20 km/h). Both "to confirm"
/// (DOMAIN.md); a feature's own attribute always wins.
[[nodiscard]] const RoadClassDefaults& defaults_for(RoadClass road_class);

/// The class defaults in force for one run: the standard table, with any widths or speeds a
/// scenario overrides ([road_classes.<class>] width_m / speed_kmh). Cheap to copy.
class RoadClassTable {
public:
  /// The standard table (defaults_for).
  RoadClassTable();
  [[nodiscard]] const RoadClassDefaults& at(RoadClass road_class) const;
  /// Throws cx::ConfigError when the value is not above zero or absurd.
  void set_width(RoadClass road_class, double width_m);
  void set_speed(RoadClass road_class, double speed_kmh);

private:
  RoadClassDefaults& row(RoadClass road_class);
  std::vector<RoadClassDefaults> m_rows;
};

/// Parses an English or Chinese class name, or an OpenStreetMap highway=* value for a motor
/// road (motorway/trunk → expressway, primary → arterial, secondary/tertiary → secondary,
/// residential/unclassified/living_street/service → branch), case-blind; nothing when unknown.
[[nodiscard]] std::optional<RoadClass> parse_road_class(std::string_view text);
/// True for OpenStreetMap highway=* values of ways not for motor traffic (footway, path,
/// pedestrian, steps, cycleway, bridleway, corridor, track, platform, busway, bus_guideway,
/// raceway, proposed, construction), case-blind: a road layer leaves them out, as a driving
/// network built from OpenStreetMap does.
[[nodiscard]] bool is_non_motor_highway(std::string_view text);
[[nodiscard]] std::string_view to_string(RoadClass road_class);

}  // namespace cx::roads
