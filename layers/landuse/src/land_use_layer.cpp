#include "cx/landuse/land_use_layer.hpp"

#include <algorithm>
#include <cctype>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"
#include "cx/schema/feature_keys.hpp"

namespace cx::landuse {

const schema::LayerSchema& land_use_schema() {
  using schema::FieldType;
  static const schema::LayerSchema layer_schema{
      .name = "land_use",
      .geometry = schema::GeometryFamily::Polygon,
      .fields = {
          {"id", FieldType::Text, false, "parcel id, unique"},
          // Required for the 2023 and GB/T 21010 systems (checked in to_parcels); with the
          // text system a parcel without a class is "unknown".
          {"code", FieldType::Text, false, "land-use class code"},
          {"name", FieldType::Text, false, "class name"},
          {"code_system", FieldType::Text, false, "ydyh2023 (default), gbt21010_2017 or text"},
      }};
  return layer_schema;
}

namespace {

bool is_code(const std::string& code) {
  return (code.size() == 2 || code.size() == 4 || code.size() == 6) &&
         std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// The 2023 code for a parcel, after the crosswalk when its source uses 三调 codes.
std::string normalised_code(const schema::LoadedLayer& layer, const schema::LoadedFeature& f,
                            const std::string& code, CodeSystem system) {
  if (!is_code(code)) {
    throw InputError("land-use code '" + code + "' is not a 2-, 4- or 6-digit class code",
                     layer.where(f, "code"));
  }
  if (system == CodeSystem::Ydyh2023) return code;
  const auto mapped = crosswalk_from_gbt21010(code.substr(0, 4));
  if (!mapped) {
    throw InputError("GB/T 21010 code '" + code + "' has no entry in the built-in crosswalk to "
                     "the 2023 system; recode the layer or extend the crosswalk",
                     layer.where(f, "code"));
  }
  return std::string(*mapped);
}

// One feature as a parcel: its class after the crosswalk, its class name; a finding when its
// second-level code is not in the table. Throws for a code that cannot be classed.
LandUseParcel to_parcel(schema::LoadedLayer& layer, schema::LoadedFeature& f, std::string key,
                        Diagnostics& diagnostics) {
  const std::string system_text = layer.text(f, "code_system", "ydyh2023");
  const auto system = parse_code_system(system_text);
  if (!system) {
    throw InputError("unknown land-use code system '" + system_text +
                         "'; expected ydyh2023, gbt21010_2017 or text",
                     layer.where(f, "code_system"));
  }
  LandUseParcel parcel;
  parcel.key = std::move(key);
  parcel.fid = f.fid;
  parcel.source_code = layer.text(f, "code");
  parcel.source_system = *system;
  if (*system == CodeSystem::Text) {
    // Free classification: the text is the class, at both levels.
    parcel.code = parcel.source_code.empty() ? "unknown" : parcel.source_code;
    if (parcel.source_code.empty()) {
      diagnostics.record(Diagnostic{.code = "landuse.no_class", .severity = Severity::Warning,
                                    .path = layer.source.path, .layer = layer.layer_name,
                                    .message = "parcels with an empty class, taken as 'unknown'",
                                    .action = "classed unknown", .feature_ids = {}},
                         f.fid);
    }
    parcel.level1 = parcel.code;
    parcel.name = layer.text(f, "name", parcel.code);
    parcel.geometry = std::move(f.geometry);
    return parcel;
  }
  if (!layer.has(f, "code")) {
    throw InputError("required field 'code' (land-use class code) is empty",
                     layer.where(f, "code"));
  }
  parcel.code = normalised_code(layer, f, parcel.source_code, *system);
  parcel.level1 = parcel.code.substr(0, 2);
  const LandUseClass* level1 = first_level_class(parcel.level1);
  if (level1 == nullptr) {
    throw InputError("land-use code '" + parcel.source_code + "' has no first-level class '" +
                         parcel.level1 + "' in the 2023 system",
                     layer.where(f, "code"));
  }
  if (const LandUseClass* known = second_level_class(parcel.code.substr(0, 4))) {
    parcel.name = std::string(known->name_zh);
  } else {
    parcel.name = layer.text(f, "name", std::string(level1->name_zh));
    if (parcel.code.size() >= 4) {
      diagnostics.record(Diagnostic{.code = "landuse.code_not_in_table",
                                    .severity = Severity::Info,
                                    .path = layer.source.path,
                                    .layer = layer.layer_name,
                                    .message = "second-level codes not in the built-in table "
                                               "(summarised by first level)",
                                    .action = "kept",
                                    .feature_ids = {}},
                         f.fid);
    }
  }
  parcel.geometry = std::move(f.geometry);
  return parcel;
}

}  // namespace

std::vector<LandUseParcel> to_parcels(schema::LoadedLayer&& layer, Diagnostics& diagnostics,
                                      schema::KeysSeen* earlier) {
  std::vector<std::string> keys = schema::feature_keys(layer, "id", earlier);
  // A survey has a million parcels: they are classed in chunks on every core, each chunk's
  // findings kept apart and added in chunk order, so the result and the findings are those of
  // one pass in feature order (and the first bad feature's error is the one raised).
  constexpr std::size_t chunk_features = 4096;
  const std::size_t count = layer.features.size();
  const std::size_t chunks = (count + chunk_features - 1) / chunk_features;
  std::vector<LandUseParcel> parcels(count);
  std::vector<Diagnostics> findings(chunks);
  parallel_items(chunks, 0, [] { return 0; }, [&](int, std::size_t c) {
    for (std::size_t i = c * chunk_features; i < std::min(count, (c + 1) * chunk_features); ++i) {
      parcels[i] = to_parcel(layer, layer.features[i], std::move(keys[i]), findings[c]);
    }
  });
  for (const auto& chunk : findings) diagnostics.append(chunk);
  return parcels;
}

}  // namespace cx::landuse
