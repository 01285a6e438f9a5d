#include "cx/schema/layer_loader.hpp"

#include "cx/io/layer_digest.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"
#include "cx/crs/coordinate_transform.hpp"
#include "cx/crs/extent_check.hpp"
#include "cx/geom/context_pool.hpp"
#include "cx/io/vector_reader.hpp"
#include "cx/schema/field_conversion.hpp"

namespace cx::schema {
namespace {

bool iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::string field_list(const io::RawLayer& raw) {
  std::string out;
  for (const auto& f : raw.fields) out += (out.empty() ? "'" : ", '") + f.name + "'";
  return out.empty() ? "none" : out;
}

// For each schema field, the position of its source field in the raw layer (or nothing).
std::vector<std::optional<std::size_t>> map_fields(const io::RawLayer& raw,
                                                   const LayerSource& source,
                                                   const LayerSchema& schema) {
  std::vector<std::optional<std::size_t>> positions;
  for (const auto& spec : schema.fields) {
    const auto mapped = source.fields.find(spec.name);
    const bool explicit_mapping = mapped != source.fields.end();
    if (!explicit_mapping && source.constants.count(spec.name) != 0) {
      positions.emplace_back();  // one value for the whole layer
      continue;
    }
    const std::string wanted = explicit_mapping ? mapped->second : spec.name;
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < raw.fields.size() && !found; ++i) {
      if (raw.fields[i].name == wanted) found = i;
    }
    for (std::size_t i = 0; i < raw.fields.size() && !found; ++i) {
      if (iequals(raw.fields[i].name, wanted)) found = i;
    }
    if (!found && (spec.required || explicit_mapping)) {
      throw InputError(fmt::format("the {} field '{}' ({}) is missing; the layer has fields {}{}",
                                   spec.required ? "required" : "mapped", wanted, spec.description,
                                   field_list(raw),
                                   explicit_mapping ? std::string()
                                                    : "; map one of them to it (a scenario: under "
                                                      "[layers.<name>.fields]; a command: its --...-field option)"),
                       ErrorContext{.path = raw.path, .layer = raw.layer, .field = wanted});
    }
    positions.push_back(found);
  }
  return positions;
}

crs::Crs source_crs_of(const io::RawLayer& raw, const LayerSource& source) {
  if (source.declared_crs) {
    try {
      return crs::Crs::from_user_input(*source.declared_crs);
    } catch (Error& e) {
      e.add_context(ErrorContext{.path = raw.path, .layer = raw.layer});
      throw;
    }
  }
  if (raw.unresolved_crs) {
    throw InputError("the file names its CRS '" + *raw.unresolved_crs +
                         "', which PROJ does not know (GDAL would read the layer as WGS 84); "
                         "declare the CRS with `crs = \"EPSG:...\"` for this layer in the "
                         "scenario (or --crs)",
                     ErrorContext{.path = raw.path, .layer = raw.layer});
  }
  if (!raw.crs_wkt && source.crs_if_none) return crs::Crs::from_user_input(*source.crs_if_none);
  if (!raw.crs_wkt) {
    throw InputError("the layer has no coordinate reference system; declare one with "
                     "`crs = \"EPSG:...\"` for this layer in the scenario (or --crs)",
                     ErrorContext{.path = raw.path, .layer = raw.layer});
  }
  return crs::Crs::from_wkt(*raw.crs_wkt);
}

bool family_matches(geom::GeometryType type, GeometryFamily family) {
  using geom::GeometryType;
  switch (family) {
    case GeometryFamily::Point: return type == GeometryType::Point || type == GeometryType::MultiPoint;
    case GeometryFamily::Line:
      return type == GeometryType::LineString || type == GeometryType::MultiLineString;
    case GeometryFamily::Polygon:
      return type == GeometryType::Polygon || type == GeometryType::MultiPolygon;
  }
  return false;
}

// The layer-wide constant of each schema field, converted to the field's type.
std::vector<io::FieldValue> constant_values(const LayerSource& source, const LayerSchema& schema) {
  std::vector<io::FieldValue> out(schema.fields.size());
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    const auto found = source.constants.find(schema.fields[i].name);
    if (found == source.constants.end()) continue;
    auto converted = convert_value(io::FieldValue{found->second}, schema.fields[i].type);
    if (!converted) {
      throw ConfigError(fmt::format("value '{}' given for '{}' is not a valid {}", found->second,
                                    schema.fields[i].name, to_string(schema.fields[i].type)),
                        ErrorContext{.path = source.path, .layer = source.layer});
    }
    out[i] = std::move(*converted);
  }
  return out;
}

// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
bool is_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned c = *p;
    std::size_t n = 0;
    unsigned min = 0;
    if (c < 0x80) { ++p; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; min = 0x10000; }
    else return false;
    if (static_cast<std::size_t>(end - p) <= n) return false;
    unsigned code = c & (0x3Fu >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      code = (code << 6) | (p[k] & 0x3Fu);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

// Text that is not UTF-8 shown as ASCII with the other bytes in hex, so the message itself is
// valid wherever it is printed.
std::string printable(const std::string& text) {
  std::string out = "'";
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7F) out += static_cast<char>(c);
    else out += fmt::format("\\x{:02X}", c);
  }
  return out + "'";
}

// What the reader repaired or GDAL reported while reading, counted like the loader's own.
void record_source_notes(const io::RawLayer& raw, Diagnostics& diagnostics) {
  for (const auto& note : raw.notes) {
    const Diagnostic kind{.code = "source.gdal_warning", .severity = Severity::Warning,
                          .path = raw.path, .layer = raw.layer, .message = note.message,
                          .action = note.action, .feature_ids = {}};
    if (note.fid) diagnostics.record(kind, *note.fid);
    else diagnostics.record(kind);
  }
}

// Turns raw features into loaded ones on one thread, with that thread's GEOS context and PROJ
// transformation; what it finds goes to the Diagnostics it is given.
class FeatureLoader {
public:
  FeatureLoader(const io::RawLayer& raw, const LayerSchema& schema, const LoadOptions& options,
                const geom::GeosContext& ctx, const crs::Crs& source_crs,
                const std::vector<io::FieldValue>& constants)
      : m_raw(raw), m_schema(schema), m_options(options), m_ctx(ctx), m_constants(constants) {
    if (!source_crs.same_as(options.working_crs)) {
      m_transform.emplace(source_crs, options.working_crs);
    }
  }

  std::optional<LoadedFeature> load(const io::RawFeature& raw_feature,
                                    const std::vector<std::optional<std::size_t>>& positions,
                                    Diagnostics& diagnostics) {
    m_diagnostics = &diagnostics;
    try {
      LoadedFeature out;
      out.fid = raw_feature.fid;
      out.values = convert_values(raw_feature, positions);
      auto geometry = load_geometry(raw_feature);
      if (!geometry) return std::nullopt;
      out.geometry = std::move(*geometry);
      return out;
    } catch (const InputError& e) {
      if (!m_options.collect_refusals) throw;
      record_refusal(e, diagnostics);
      return std::nullopt;
    }
  }

private:
  ErrorContext where(long long fid, const std::string& field = {}) const {
    return ErrorContext{.path = m_raw.path, .layer = m_raw.layer, .feature = fid, .field = field};
  }

  void note(const char* code, Severity severity, const std::string& message, const char* action,
            long long fid) {
    m_diagnostics->record(Diagnostic{.code = code, .severity = severity, .path = m_raw.path,
                                    .layer = m_raw.layer, .message = message, .action = action,
                                    .feature_ids = {}},
                         fid);
  }

  std::vector<io::FieldValue> convert_values(const io::RawFeature& f,
                                             const std::vector<std::optional<std::size_t>>& pos) {
    std::vector<io::FieldValue> values;
    values.reserve(m_schema.fields.size());
    for (std::size_t i = 0; i < m_schema.fields.size(); ++i) {
      const FieldSpec& spec = m_schema.fields[i];
      if (!pos[i]) {
        values.push_back(m_constants[i]);
        continue;
      }
      const std::string& source_name = m_raw.fields[*pos[i]].name;
      const io::FieldValue& raw_value = f.values[*pos[i]];
      if (const auto* text = std::get_if<std::string>(&raw_value); text && !is_utf8(*text)) {
        throw InputError(fmt::format("the text {} is not UTF-8; give the file's encoding with "
                                     "`encoding = \"GBK\"` (or what it is) for this layer in "
                                     "the scenario, or add a .cpg file beside a Shapefile",
                                     printable(*text)),
                         where(f.fid, source_name));
      }
      auto converted = convert_value(raw_value, spec.type);
      if (!converted) {
        throw InputError(fmt::format("value {} is not a valid {} for '{}' ({})",
                                     quote_value(raw_value), to_string(spec.type), spec.name,
                                     spec.description),
                         where(f.fid, source_name));
      }
      if (spec.required && io::is_null(*converted)) {
        throw InputError(fmt::format("required field '{}' ({}) is empty", spec.name,
                                     spec.description),
                         where(f.fid, source_name));
      }
      values.push_back(std::move(*converted));
    }
    return values;
  }

  std::optional<geom::Geometry> load_geometry(const io::RawFeature& f) {
    if (f.wkb.empty()) {
      note("geom.null", Severity::Warning, "features without geometry", "skipped", f.fid);
      return std::nullopt;
    }
    geom::Geometry geometry;
    try {
      geometry = geom::Geometry::from_wkb(m_ctx, f.wkb);
    } catch (const Error& e) {
      throw InputError("the geometry cannot be read: " + e.message(), where(f.fid));
    }
    if (geometry.is_empty()) {
      note("geom.empty", Severity::Warning, "features with an empty geometry", "skipped", f.fid);
      return std::nullopt;
    }
    if (geometry.has_non_finite_coordinates()) {
      throw InputError("the geometry has NaN or infinite coordinates", where(f.fid));
    }
    if (!family_matches(geometry.type(), m_schema.geometry)) {
      throw InputError(fmt::format("geometry is a {}, but a '{}' layer needs {} geometries",
                                   to_string(geometry.type()), m_schema.name,
                                   to_string(m_schema.geometry)),
                       where(f.fid));
    }
    if (f.had_z_or_m) {
      note("geom.z_dropped", Severity::Info, "Z/M values ignored (analysis is in plan)", "flattened",
           f.fid);
    }
    if (m_transform) geometry = reproject(geometry, f.fid);
    if (m_schema.geometry == GeometryFamily::Polygon && !geometry.is_valid()) {
      geometry = repair(geometry, f.fid);
    }
    return geometry;
  }

  // One PROJ call per feature, not per vertex: gather the coordinates, transform them together,
  // then put them back in the same traversal order.
  geom::Geometry reproject(const geom::Geometry& geometry, long long fid) {
    std::vector<double> xs;
    std::vector<double> ys;
    (void)geometry.transform_xy([&](double& x, double& y) {
      xs.push_back(x);
      ys.push_back(y);
      return true;
    });
    const bool ok = m_transform->transform(xs, ys);
    std::size_t next = 0;
    geom::Geometry out = geometry.transform_xy([&](double& x, double& y) {
      x = xs[next];
      y = ys[next];
      ++next;
      return true;
    });
    if (!ok || out.has_non_finite_coordinates()) {
      throw InputError("coordinates cannot be transformed to the working CRS", where(fid));
    }
    return out;
  }


  geom::Geometry repair(const geom::Geometry& geometry, long long fid) {
    const std::string reason = geometry.invalid_reason();
    if (m_options.on_invalid == InvalidPolicy::Fail) {
      throw InputError("invalid polygon (" + reason + "); repair it or run with on_invalid = "
                       "\"repair\"",
                       where(fid));
    }
    note("geom.invalid", Severity::Warning, "invalid polygons", "repaired with MakeValid", fid);
    return geometry.make_valid().polygonal_parts();
  }

  const io::RawLayer& m_raw;
  const LayerSchema& m_schema;
  const LoadOptions& m_options;
  const geom::GeosContext& m_ctx;
  const std::vector<io::FieldValue>& m_constants;
  std::optional<crs::CoordinateTransform> m_transform;
  Diagnostics* m_diagnostics = nullptr;  // of the feature being loaded
};

// Loads the raw features in chunks on options.threads threads, all cores by default: converting
// values, reading WKB into GEOS and checking and repairing polygons is most of a layer's loading
// time. Each chunk's findings are recorded apart and appended in chunk order, and its features
// join in order, so the result, the diagnostics and the first error thrown are those of loading
// one feature after another.
std::vector<LoadedFeature> load_features(const io::RawLayer& raw, const LayerSchema& schema,
                                         const LoadOptions& options, const geom::GeosContext& ctx,
                                         Diagnostics& diagnostics, const crs::Crs& source_crs,
                                         const std::vector<io::FieldValue>& constants,
                                         const std::vector<std::optional<std::size_t>>& positions) {
  constexpr std::size_t chunk_features = 1024;
  const std::size_t chunk_count = (raw.features.size() + chunk_features - 1) / chunk_features;
  geom::ContextPool contexts(chunk_count > 1 ? options.threads : 1U);
  struct Chunk {
    std::vector<LoadedFeature> features;
    Diagnostics diagnostics;
  };
  std::vector<Chunk> chunks(chunk_count);  // destroyed before `contexts`, should a chunk throw
  parallel_items(
      chunk_count, contexts.size(),
      [&] { return FeatureLoader(raw, schema, options, contexts.take(), source_crs, constants); },
      [&](FeatureLoader& loader, std::size_t c) {
        const std::size_t end = std::min(raw.features.size(), (c + 1) * chunk_features);
        for (std::size_t i = c * chunk_features; i < end; ++i) {
          if (auto loaded = loader.load(raw.features[i], positions, chunks[c].diagnostics)) {
            chunks[c].features.push_back(std::move(*loaded));
          }
        }
      });
  std::vector<LoadedFeature> out;
  out.reserve(raw.features.size());
  for (Chunk& chunk : chunks) {
    diagnostics.append(chunk.diagnostics);
    for (LoadedFeature& feature : chunk.features) {
      feature.geometry.adopt_into(ctx);  // the worker contexts end with this function
      out.push_back(std::move(feature));
    }
  }
  return out;
}

}  // namespace

void record_refusal(const InputError& error, Diagnostics& diagnostics) {
  const ErrorContext& where = error.context();
  const Diagnostic kind{.code = "feature.refused", .severity = Severity::Error, .path = where.path,
                        .layer = where.layer,
                        .message = where.field.empty() ? error.message()
                                                       : "field '" + where.field + "': " + error.message(),
                        .action = "refused", .feature_ids = {}};
  if (where.feature) diagnostics.record(kind, *where.feature);
  else diagnostics.record(kind);
}

namespace {

// The layer's CRS as far as it is known before reading its features: declared, or stored.
std::optional<crs::Crs> crs_before_reading(const LayerSource& source) {
  try {
    if (source.declared_crs) return crs::Crs::from_user_input(*source.declared_crs);
    if (const auto wkt = io::read_layer_crs(source.path, source.layer)) return crs::Crs::from_wkt(*wkt);
    if (source.crs_if_none) return crs::Crs::from_user_input(*source.crs_if_none);
  } catch (const Error&) {
    // reading the layer reports it, naming file and layer
  }
  return std::nullopt;
}

// The first feature that is implausible in `crs` on its own, to name in the refusal of the
// layer's extent (a stray 1e300 among sane coordinates); none when only the whole layer is.
std::optional<long long> first_implausible(const io::RawLayer& raw, const crs::Crs& crs,
                                           const geom::GeosContext& ctx) {
  const crs::ExtentCheck check(crs);
  for (const auto& feature : raw.features) {
    if (feature.wkb.empty()) continue;
    try {
      const Extent box = geom::Geometry::from_wkb(ctx, feature.wkb).extent();
      if (box.is_finite() && check.problem(box)) return feature.fid;
    } catch (const Error&) {
      // Unreadable shapes are refused by feature later on.
    }
  }
  return std::nullopt;
}

}  // namespace

LoadedLayer load_layer(const LayerSource& source, const LayerSchema& schema,
                       const LoadOptions& options, const geom::GeosContext& ctx,
                       Diagnostics& diagnostics) {
  io::ReadOptions read{.limits = options.limits, .encoding = source.encoding, .threads = options.threads,
                       .filter = {}, .fids = options.fids};
  if (options.area_of_interest) {
    if (const auto source_crs = crs_before_reading(source)) {
      const auto box = crs::transform_box(*options.area_of_interest, options.working_crs, *source_crs);
      // A box around the whole layer (as the source states it) lets everything through: the
      // index would only slow the reading down. (A stated extent out of date only means more
      // is read.)
      const auto whole = io::read_stated_extent(source.path, source.layer);
      if (box && !(whole && box->contains(*whole))) read.filter = box;
    }
  }
  const io::RawLayer raw = io::read_layer(source.path, source.layer, read);
  record_source_notes(raw, options.source_notes != nullptr ? *options.source_notes : diagnostics);
  const auto positions = map_fields(raw, source, schema);
  const crs::Crs source_crs = source_crs_of(raw, source);
  if (!source.declared_crs && !raw.crs_wkt && !raw.unresolved_crs && source.crs_if_none) {
    diagnostics.record(Diagnostic{.code = "layer.crs_assumed", .severity = Severity::Warning,
                                  .path = raw.path, .layer = raw.layer,
                                  .message = "the layer states no CRS; read as in " + *source.crs_if_none +
                                             ", the working CRS given with --crs",
                                  .action = "assumed", .feature_ids = {}});
  }
  // Non-finite coordinates are refused feature by feature below, naming the feature.
  if (auto problem = raw.extent.is_finite() ? crs::check_extent_plausible(source_crs, raw.extent)
                                            : std::nullopt) {
    throw InputError(*problem, ErrorContext{.path = raw.path, .layer = raw.layer,
                                            .feature = first_implausible(raw, source_crs, ctx)});
  }
  LoadedLayer out;
  out.source = source;
  out.schema = &schema;
  out.layer_name = raw.layer;
  out.source_crs = source_crs.label();
  out.features_read = raw.features.size();
  if (auto* digest = options.running_digest) {
    if (!*digest) digest->emplace(raw.fields);
    (*digest)->add(raw.features);
  } else {
    out.sha256 = io::layer_digest(raw);
  }
  out.features = load_features(raw, schema, options, ctx, diagnostics, source_crs,
                               constant_values(source, schema), positions);
  return out;
}

std::optional<Extent> stated_extent(const LayerSource& source, const crs::Crs& working) {
  std::optional<Extent> box;
  try {
    box = io::read_stated_extent(source.path, source.layer);
  } catch (const Error&) {
    return std::nullopt;  // reading the layer reports it, in its turn
  }
  const auto source_crs = box ? crs_before_reading(source) : std::nullopt;
  if (!source_crs) return std::nullopt;
  return crs::transform_box(*box, *source_crs, working);
}

bool LoadedLayer::has(const LoadedFeature& f, const std::string& field) const {
  return !io::is_null(f.values[schema->index_of(field)]);
}

std::string LoadedLayer::text(const LoadedFeature& f, const std::string& field,
                              const std::string& fallback) const {
  const auto& v = f.values[schema->index_of(field)];
  return io::is_null(v) ? fallback : std::get<std::string>(v);
}

double LoadedLayer::real(const LoadedFeature& f, const std::string& field, double fallback) const {
  const auto& v = f.values[schema->index_of(field)];
  return io::is_null(v) ? fallback : std::get<double>(v);
}

std::int64_t LoadedLayer::integer(const LoadedFeature& f, const std::string& field,
                                  std::int64_t fallback) const {
  const auto& v = f.values[schema->index_of(field)];
  return io::is_null(v) ? fallback : std::get<std::int64_t>(v);
}

std::string LoadedLayer::source_field(const std::string& field) const {
  const auto mapped = source.fields.find(field);
  return mapped != source.fields.end() ? mapped->second : field;
}

ErrorContext LoadedLayer::where(const LoadedFeature& f, const std::string& field) const {
  return ErrorContext{.path = source.path, .layer = layer_name, .feature = f.fid,
                      .field = field.empty() ? std::string() : source_field(field)};
}

}  // namespace cx::schema
