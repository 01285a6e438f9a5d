#include "cx/roads/road_classes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "cx/core/error.hpp"

namespace cx::roads {
namespace {

constexpr std::array<RoadClassDefaults, 5> table{{
    {RoadClass::Expressway, "expressway", "快速路", 30.0, 80.0},
    {RoadClass::Arterial, "arterial", "主干路", 45.0, 50.0},
    {RoadClass::Secondary, "secondary", "次干路", 28.0, 40.0},
    {RoadClass::Branch, "branch", "支路", 17.0, 30.0},
    // A water channel (e.g. a river link) has a corridor width but no travel speed.
    {RoadClass::Channel, "channel", "水系连通", 30.0, 0.0},
}};

}  // namespace

const RoadClassDefaults& defaults_for(RoadClass road_class) {
  return *std::find_if(table.begin(), table.end(), [road_class](const RoadClassDefaults& d) {
    return d.road_class == road_class;
  });
}

std::optional<RoadClass> parse_road_class(std::string_view text) {
  std::string key(text);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& d : table) {
    if (key == d.name || key == d.name_zh) return d.road_class;
  }
  if (key == "collector") return RoadClass::Secondary;
  if (key == "local") return RoadClass::Branch;
  // OpenStreetMap highway=* values for roads that carry motor traffic.
  if (key == "motorway" || key == "trunk" || key == "motorway_link" || key == "trunk_link") {
    return RoadClass::Expressway;
  }
  if (key == "primary" || key == "primary_link") return RoadClass::Arterial;
  if (key == "secondary" || key == "secondary_link" || key == "tertiary" ||
      key == "tertiary_link") {
    return RoadClass::Secondary;
  }
  if (key == "residential" || key == "unclassified" || key == "living_street" ||
      key == "service" || key == "road") {
    return RoadClass::Branch;
  }
  return std::nullopt;
}

bool is_non_motor_highway(std::string_view text) {
  static constexpr std::array<std::string_view, 14> values{
      "footway", "path", "pedestrian", "steps", "cycleway", "bridleway", "corridor",
      "track", "platform", "busway", "bus_guideway", "raceway", "proposed", "construction"};
  std::string key(text);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(values.begin(), values.end(), key) != values.end();
}

std::string_view to_string(RoadClass road_class) { return defaults_for(road_class).name; }

RoadClassTable::RoadClassTable() : m_rows(table.begin(), table.end()) {}

const RoadClassDefaults& RoadClassTable::at(RoadClass road_class) const {
  return *std::find_if(m_rows.begin(), m_rows.end(), [road_class](const RoadClassDefaults& d) {
    return d.road_class == road_class;
  });
}

RoadClassDefaults& RoadClassTable::row(RoadClass road_class) {
  return *std::find_if(m_rows.begin(), m_rows.end(), [road_class](const RoadClassDefaults& d) {
    return d.road_class == road_class;
  });
}

void RoadClassTable::set_width(RoadClass road_class, double width_m) {
  if (!(width_m >= min_width_m && width_m <= max_width_m)) {
    throw ConfigError(fmt::format("a class width must be from {} to {} m", min_width_m, max_width_m));
  }
  row(road_class).width_m = width_m;
}

void RoadClassTable::set_speed(RoadClass road_class, double speed_kmh) {
  if (!(speed_kmh >= min_speed_kmh && speed_kmh <= max_speed_kmh)) {
    throw ConfigError(fmt::format("a class speed must be from {} to {} km/h", min_speed_kmh, max_speed_kmh));
  }
  row(road_class).speed_kmh = speed_kmh;
}

}  // namespace cx::roads
