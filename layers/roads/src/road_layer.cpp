#include "cx/roads/road_layer.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "cx/core/error.hpp"
#include "cx/schema/feature_keys.hpp"

namespace cx::roads {
namespace {

using schema::FieldType;

std::vector<schema::FieldSpec> road_fields() {
  return {
      {"id", FieldType::Text, false, "road id, unique"},
      {"name", FieldType::Text, false, "road name"},
      {"class", FieldType::Text, true, "expressway, arterial, secondary or branch"},
      {"width_m", FieldType::Real, false, "red-line width in metres"},
      {"speed_kmh", FieldType::Real, false, "design speed in km/h"},
      {"lanes", FieldType::Integer, false, "number of lanes"},
      {"oneway", FieldType::Text, false, "0/no, 1/yes (digitised direction) or -1 (reverse)"},
      {"junction", FieldType::Text, false, "OpenStreetMap junction tag: a roundabout is one-way"},
      {"bridge", FieldType::Boolean, false, "1 when the line is a bridge"},
      {"tunnel", FieldType::Boolean, false, "1 when the line is a tunnel or underpass"},
      {"z_level", FieldType::Integer, false, "vertical level: 0 ground, 1 bridge, -1 tunnel"},
      {"status", FieldType::Text, false, "existing or planned"},
  };
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// OpenStreetMap's rules where `oneway` is not given: a roundabout (or other circular junction)
// is driven one way, in its digitised direction.
Oneway implied_oneway(const schema::LoadedLayer& layer, const schema::LoadedFeature& f) {
  const std::string junction = lower(layer.text(f, "junction"));
  return junction == "roundabout" || junction == "circular" ? Oneway::Forward : Oneway::Both;
}

Oneway parse_oneway(const schema::LoadedLayer& layer, const schema::LoadedFeature& f) {
  const std::string text = lower(layer.text(f, "oneway"));
  if (text.empty()) return implied_oneway(layer, f);
  if (text == "0" || text == "no" || text == "false" || text == "n") return Oneway::Both;
  if (text == "1" || text == "yes" || text == "true" || text == "y") return Oneway::Forward;
  if (text == "-1" || text == "reverse") return Oneway::Backward;
  // OpenStreetMap: one way at a time, the direction changing by the hour; both ways over a day.
  if (text == "reversible" || text == "alternating") return Oneway::Both;
  throw InputError("oneway value '" + text + "' is not one of 0, 1, -1, yes, no, reversible, alternating",
                   layer.where(f, "oneway"));
}

RoadStatus parse_status(const schema::LoadedLayer& layer, const schema::LoadedFeature& f,
                        RoadStatus fallback) {
  if (!layer.has(f, "status")) return fallback;
  const std::string text = lower(layer.text(f, "status"));
  if (text == "existing" || text == "现状") return RoadStatus::Existing;
  if (text == "planned" || text == "规划" || text == "proposed") return RoadStatus::Planned;
  throw InputError("status '" + text + "' is not 'existing' or 'planned'",
                   layer.where(f, "status"));
}

// `field`'s value (or `fallback`), from `min_value` to `max_value`, or 0 when `allow_zero`.
double checked_range(const schema::LoadedLayer& layer, const schema::LoadedFeature& f,
                     const char* field, double fallback, double min_value, double max_value,
                     bool allow_zero) {
  const double value = layer.real(f, field, fallback);
  if ((value < min_value && !(allow_zero && value == 0.0)) || value > max_value) {
    throw InputError(fmt::format("{} {} is out of range (must be {}from {} to {})", field, value,
                                 allow_zero ? "0 or " : "", min_value, max_value),
                     layer.where(f, field));
  }
  return value;
}

// `field`'s whole number (or `fallback`), within ±`limit` (or from 0 when `from_zero`): the
// engine keeps these as int.
int checked_integer(const schema::LoadedLayer& layer, const schema::LoadedFeature& f,
                    const char* field, std::int64_t fallback, int limit, bool from_zero) {
  const std::int64_t value = layer.integer(f, field, fallback);
  const std::int64_t low = from_zero ? 0 : -limit;
  if (value < low || value > limit) {
    throw InputError(fmt::format("{} {} is out of range (must be from {} to {})", field, value, low, limit),
                     layer.where(f, field));
  }
  return static_cast<int>(value);
}

Road to_road(const schema::LoadedLayer& layer, schema::LoadedFeature& f, std::string key,
             bool is_proposal, const RoadClassTable& classes, const std::shared_ptr<const RoadSource>& source) {
  Road road;
  road.key = std::move(key);
  road.fid = f.fid;
  road.source = source;
  road.name = layer.text(f, "name");
  const std::string class_text = layer.text(f, "class");
  const auto road_class = parse_road_class(class_text);
  if (!road_class) {
    throw InputError("road class '" + class_text +
                         "' is not one of expressway, arterial, secondary, branch, channel",
                     layer.where(f, "class"));
  }
  road.road_class = *road_class;
  const auto& defaults = classes.at(*road_class);
  road.width_m = checked_range(layer, f, "width_m", defaults.width_m, min_width_m, max_width_m, false);
  const bool is_channel = *road_class == RoadClass::Channel;
  road.speed_kmh = checked_range(layer, f, "speed_kmh", defaults.speed_kmh, min_speed_kmh,
                                 max_speed_kmh, is_channel);
  road.lanes = checked_integer(layer, f, "lanes", 0, max_lanes, true);
  road.oneway = parse_oneway(layer, f);
  road.bridge = layer.integer(f, "bridge", 0) != 0;
  road.tunnel = layer.integer(f, "tunnel", 0) != 0;
  road.z_level = checked_integer(layer, f, "z_level", road.bridge ? 1 : (road.tunnel ? -1 : 0),
                                 max_z_level, false);
  road.status = parse_status(layer, f, is_proposal ? RoadStatus::Planned : RoadStatus::Existing);
  if (is_proposal) {
    road.proposal_id = layer.text(f, "proposal_id");
    const std::string kind = lower(layer.text(f, "kind", "road"));
    if (kind != "road" && kind != "water") {
      throw InputError("proposal kind '" + kind + "' is not 'road' or 'water'",
                       layer.where(f, "kind"));
    }
    road.kind = kind == "water" ? WorkKind::Water : WorkKind::Road;
  }
  if (road.kind == WorkKind::Road && road.speed_kmh <= 0.0) {
    throw InputError("a road needs a design speed above zero", layer.where(f, "speed_kmh"));
  }
  road.geometry = std::move(f.geometry);
  return road;
}

}  // namespace

const schema::LayerSchema& road_schema() {
  static const schema::LayerSchema layer_schema{
      .name = "roads", .geometry = schema::GeometryFamily::Line, .fields = road_fields()};
  return layer_schema;
}

const schema::LayerSchema& proposal_schema() {
  static const schema::LayerSchema layer_schema = [] {
    schema::LayerSchema s{
        .name = "proposals", .geometry = schema::GeometryFamily::Line, .fields = road_fields()};
    s.fields.push_back({"proposal_id", FieldType::Text, true, "id of the proposal the line belongs to"});
    s.fields.push_back({"kind", FieldType::Text, false, "road (default) or water"});
    return s;
  }();
  return layer_schema;
}

Diagnostic finding_about(const Road& road, const char* code, Severity severity, std::string message,
                         const char* action) {
  return Diagnostic{.code = code, .severity = severity, .path = road.source ? road.source->path : "",
                    .layer = road.source ? road.source->layer : "", .message = std::move(message),
                    .action = action, .feature_ids = {}};
}

std::vector<Road> to_roads(schema::LoadedLayer&& layer, Diagnostics& diagnostics,
                           const RoadClassTable& classes) {
  const bool is_proposal = layer.schema->find("proposal_id") != nullptr;
  const std::vector<std::string> keys = schema::feature_keys(layer, "id");
  const auto source = std::make_shared<const RoadSource>(RoadSource{layer.source.path, layer.layer_name});
  std::vector<Road> out;
  out.reserve(layer.features.size());
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    auto& f = layer.features[i];
    if (!parse_road_class(layer.text(f, "class")) && is_non_motor_highway(layer.text(f, "class"))) {
      diagnostics.record(Diagnostic{.code = "roads.not_for_motor_traffic",
                                    .severity = Severity::Warning,
                                    .path = layer.source.path,
                                    .layer = layer.layer_name,
                                    .message = "OpenStreetMap ways not for motor traffic (footway, "
                                               "path, steps, ...) left out of the road network",
                                    .action = "skipped",
                                    .feature_ids = {}},
                         f.fid);
      continue;
    }
    out.push_back(to_road(layer, f, keys[i], is_proposal, classes, source));
  }
  return out;
}

std::string_view to_string(RoadStatus status) {
  return status == RoadStatus::Existing ? "existing" : "planned";
}

}  // namespace cx::roads
