#include "cx/io/vector_reader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <iconv.h>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"
#include "gdal_messages.hpp"
#include "source_checks.hpp"

namespace cx::io {
namespace {

std::string last_gdal_message() {
  const char* msg = CPLGetLastErrorMsg();
  return (msg != nullptr && *msg != '\0') ? std::string(msg) : std::string("no detail from GDAL");
}

bool is_shapefile_driver(GDALDataset& ds) {
  return ds.GetDriverName() != nullptr && std::string(ds.GetDriverName()) == "ESRI Shapefile";
}

// GDAL opens a .shp without its .dbf as a layer with no fields; a Shapefile without its
// attributes is incomplete, and a run on it would silently use defaults for every feature.
void require_dbf_beside_shp(const std::string& path) {
  const std::filesystem::path shp(path);
  std::string extension = shp.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension != ".shp") return;
  std::error_code ec;
  for (const char* dbf : {".dbf", ".DBF", ".Dbf"}) {
    if (std::filesystem::exists(std::filesystem::path(shp).replace_extension(dbf), ec)) return;
  }
  throw InputError("the Shapefile's .dbf file (its attributes) is missing beside it",
                   ErrorContext{.path = path});
}

// The bytes a source occupies: the file, or for a Shapefile its .shp and .dbf together.
std::uint64_t source_bytes(const std::string& path) {
  std::error_code ec;
  std::uint64_t bytes = 0;
  if (std::filesystem::is_regular_file(path, ec)) bytes += std::filesystem::file_size(path, ec);
  const std::filesystem::path dbf = std::filesystem::path(path).replace_extension(".dbf");
  if (dbf.string() != path && std::filesystem::is_regular_file(dbf, ec)) {
    bytes += std::filesystem::file_size(dbf, ec);
  }
  return bytes;
}

void check_file_size(const std::string& path, const ReadLimits& limits) {
  const std::uint64_t bytes = source_bytes(path);
  if (limits.max_file_mb == 0 || bytes <= limits.max_file_mb * 1024 * 1024) return;
  throw InputError(fmt::format("the source is {} MB, more than the limit of {} MB set with "
                               "--max-input-mb (scenario: [limits] max_input_mb)",
                               bytes / (1024 * 1024), limits.max_file_mb),
                   ErrorContext{.path = path});
}

GDALDatasetUniquePtr open_read_only(const std::string& path, const ReadOptions& options = {}) {
  ensure_gdal_registered();
  ErrorContext where{.path = path};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError("file does not exist", where);
  require_dbf_beside_shp(path);
  CPLErrorReset();
  constexpr unsigned flags = GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR;
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags));
  // The Shapefile driver recodes DBF text itself when told the encoding (overriding .cpg and
  // the code page in the header); read_layer recodes other drivers' text. One rule for both:
  // the driver that opened the file.
  if (ds && !options.encoding.empty() && is_shapefile_driver(*ds)) {
    ds.reset();
    const std::string encoding_option = "ENCODING=" + options.encoding;
    const char* open_options[] = {encoding_option.c_str(), nullptr};
    ds.reset(GDALDataset::Open(path.c_str(), flags, nullptr, open_options));
  }
  if (!ds) {
    throw InputError("GDAL cannot open it as a vector dataset: " + last_gdal_message(), where);
  }
  return ds;
}

std::string available_layers(GDALDataset& ds) {
  std::string out;
  for (auto* layer : ds.GetLayers()) {
    if (!out.empty()) out += ", ";
    out += "'" + std::string(layer->GetName()) + "'";
  }
  return out.empty() ? "none" : out;
}

OGRLayer* find_layer(GDALDataset& ds, const std::string& path, const std::string& name) {
  ErrorContext where{.path = path, .layer = name};
  if (name.empty()) {
    if (ds.GetLayerCount() == 1) return ds.GetLayer(0);
    where.layer.clear();
    throw InputError("the source has " + std::to_string(ds.GetLayerCount()) +
                         " layers; name one of " + available_layers(ds),
                     where);
  }
  OGRLayer* layer = ds.GetLayerByName(name.c_str());
  if (layer == nullptr) {
    throw InputError("no such layer; the source has " + available_layers(ds), where);
  }
  return layer;
}

SourceFieldKind kind_of(OGRFieldType type) {
  switch (type) {
    case OFTInteger:
    case OFTInteger64: return SourceFieldKind::Integer;
    case OFTReal: return SourceFieldKind::Real;
    case OFTString: return SourceFieldKind::Text;
    default: return SourceFieldKind::Other;
  }
}

FieldValue read_value(OGRFeature& feature, int index, SourceFieldKind kind) {
  if (!feature.IsFieldSetAndNotNull(index)) return std::monostate{};
  switch (kind) {
    case SourceFieldKind::Integer: return static_cast<std::int64_t>(feature.GetFieldAsInteger64(index));
    case SourceFieldKind::Real: return feature.GetFieldAsDouble(index);
    default: return std::string(feature.GetFieldAsString(index));
  }
}

// Vertices of a linear geometry (curves are linearised before this is asked).
std::size_t point_count(const OGRGeometry& geometry) {
  const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
  if (type == wkbPoint) return 1;
  if (OGR_GT_IsCurve(type)) return static_cast<std::size_t>(geometry.toSimpleCurve()->getNumPoints());
  std::size_t n = 0;
  if (OGR_GT_IsSubClassOf(type, wkbCurvePolygon)) {
    for (const auto* ring : *geometry.toPolygon()) n += static_cast<std::size_t>(ring->getNumPoints());
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const auto* part : *geometry.toGeometryCollection()) n += point_count(*part);
  }
  return n;
}

// Whether every polygon ring of a linear geometry ends where it starts.
bool rings_closed(const OGRGeometry& geometry) {
  const OGRwkbGeometryType type = wkbFlatten(geometry.getGeometryType());
  if (OGR_GT_IsSubClassOf(type, wkbCurvePolygon)) {
    for (const auto* ring : *geometry.toPolygon()) {
      // An empty ring has no first point to compare (GDAL would read past its array).
      if (ring->IsEmpty() || !ring->get_IsClosed()) return false;
    }
  } else if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
    for (const auto* part : *geometry.toGeometryCollection()) {
      if (!rings_closed(*part)) return false;
    }
  }
  return true;
}

// 2D ISO WKB of a geometry; curves linearised, Z and M dropped (the engine works in plan).
// GDAL accepts a polygon ring whose last point is not its first (GeoJSON, WKT); such rings are
// closed here and reported, because GEOS refuses them.
std::vector<std::uint8_t> to_plan_wkb(const OGRGeometry& source, bool& had_z_or_m,
                                      bool& closed_rings, std::size_t& vertices) {
  had_z_or_m = source.Is3D() || source.IsMeasured();
  if (!had_z_or_m && !source.hasCurveGeometry() && rings_closed(source)) {
    // The usual case, written as it is: a copy to mend would only cost time.
    closed_rings = false;
    vertices = point_count(source);
    std::vector<std::uint8_t> wkb(source.WkbSize());
    source.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
  }
  std::unique_ptr<OGRGeometry> geometry(source.hasCurveGeometry() ? source.getLinearGeometry()
                                                                  : source.clone());
  had_z_or_m = geometry->Is3D() || geometry->IsMeasured();
  geometry->flattenTo2D();
  const std::size_t before = point_count(*geometry);
  geometry->closeRings();
  vertices = point_count(*geometry);
  closed_rings = vertices != before;
  std::vector<std::uint8_t> wkb(geometry->WkbSize());
  geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

// GDAL's names for a GeoPackage's srs_id 0 and -1: the spec's "undefined" systems, which say
// no more than a missing CRS does. (Older GDAL spelt the second "Undefined cartesian SRS".)
bool is_undefined_srs(const OGRSpatialReference& srs) {
  const char* name = srs.GetName();
  return name != nullptr && (EQUAL(name, "Undefined geographic SRS") || EQUAL(name, "Undefined Cartesian SRS"));
}

std::optional<std::string> crs_wkt_of(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (srs == nullptr || is_undefined_srs(*srs)) return std::nullopt;
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  srs->exportToWkt(&wkt, options);
  std::optional<std::string> out;
  if (wkt != nullptr) out = std::string(wkt);
  CPLFree(wkt);
  return out;
}

std::string recode_text(const char* text, const std::string& from) {
  if (from.empty()) return text;
  char* recoded = CPLRecode(text, from.c_str(), CPL_ENC_UTF8);
  std::string out(recoded != nullptr ? recoded : text);
  CPLFree(recoded);
  return out;
}

RawFeature read_feature(OGRFeature& feature, const std::vector<SourceField>& fields,
                        const std::string& recode_from, std::vector<SourceNote>& notes,
                        std::size_t& vertices) {
  RawFeature raw;
  raw.fid = feature.GetFID();
  raw.values.reserve(fields.size());
  for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
    FieldValue value = read_value(feature, i, fields[static_cast<std::size_t>(i)].kind);
    if (auto* text = std::get_if<std::string>(&value); text != nullptr && !recode_from.empty()) {
      *text = recode_text(text->c_str(), recode_from);
    }
    raw.values.push_back(std::move(value));
  }
  if (const OGRGeometry* geometry = feature.GetGeometryRef()) {
    bool closed_rings = false;
    raw.wkb = to_plan_wkb(*geometry, raw.had_z_or_m, closed_rings, vertices);
    if (closed_rings) notes.push_back(SourceNote{raw.fid, "polygon rings not closed", "closed"});
  }
  return raw;
}

void add_to_extent(OGRFeature& feature, Extent& extent) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr || geometry->IsEmpty()) return;
  OGREnvelope env;
  geometry->getEnvelope(&env);
  extent.add(env.MinX, env.MinY);
  extent.add(env.MaxX, env.MaxY);
}

// A GeoJSON "crs" member GDAL could not resolve: it reads the layer as WGS 84 regardless.
std::optional<std::string> unresolved_geojson_crs(GDALDataset& ds, const std::string& path) {
  if (ds.GetDriverName() == nullptr || std::string(ds.GetDriverName()) != "GeoJSON") return std::nullopt;
  auto declared = detail::geojson_declared_crs(path);
  if (!declared || detail::crs_resolves(*declared)) return std::nullopt;
  return declared;
}

// GDAL's other warnings, for the layer: drivers read ahead (GeoJSON parses on open or in
// batches), so the feature being read when one arrives need not be the one it is about.
// Unclosed rings are left out: the reader closes them and names each feature.
void add_gdal_note(std::vector<SourceNote>& notes, const std::string& text) {
  if (text.rfind("Non closed ring detected", 0) == 0) return;
  notes.push_back(SourceNote{std::nullopt, "GDAL: " + text, "read as GDAL gave it"});
}

void check_feature_count(const RawLayer& layer, const ReadLimits& limits) {
  if (limits.max_features == 0 || layer.features.size() < limits.max_features) return;
  throw too_many_features(layer.path, layer.layer, limits);
}

void check_vertex_count(const RawLayer& layer, long long fid, std::size_t vertices,
                        const ReadLimits& limits) {
  if (limits.max_vertices == 0 || vertices <= limits.max_vertices) return;
  throw InputError(fmt::format("the geometry has {} vertices, more than the limit of {} set "
                               "with --max-vertices (scenario: [limits] max_vertices)",
                               vertices, limits.max_vertices),
                   ErrorContext{.path = layer.path, .layer = layer.layer, .feature = fid});
}

// What GDAL said while reading one feature: a number it parsed out of text puts the text back
// (the typed conversion then refuses it by feature and field); the rest become layer notes.
// True when GDAL reported a failure.
// Takes what GDAL said while reading `raw`: values it could not convert go into the feature,
// the rest into the layer's notes. Returns the first failure's text, if GDAL reported one.
std::optional<std::string> take_feature_messages(detail::GdalMessages& messages,
                                                 const std::vector<std::string>& field_names,
                                                 RawFeature& raw, RawLayer& layer) {
  std::optional<std::string> failure;
  for (auto& m : messages.take()) {
    detail::UnparsedValue unparsed;
    if (detail::parse_unparsed_value(m.text, layer.layer, field_names, unparsed)) {
      const auto at = std::find(field_names.begin(), field_names.end(), unparsed.field);
      raw.values[static_cast<std::size_t>(at - field_names.begin())] = unparsed.text;
      continue;
    }
    if (m.level >= CE_Failure && !failure) failure = m.text;
    add_gdal_note(layer.notes, m.text);
  }
  return failure;
}

}  // namespace

InputError too_many_features(const std::string& path, const std::string& layer, const ReadLimits& limits) {
  return InputError(fmt::format("the layer has more than {} features, the limit set with "
                                "--max-features (scenario: [limits] max_features)",
                                limits.max_features),
                    ErrorContext{.path = path, .layer = layer});
}

std::optional<std::string> read_layer_crs(const std::string& path, const std::string& layer_name) {
  const detail::GdalMessages ignored;
  GDALDatasetUniquePtr ds = open_read_only(path);
  OGRLayer* layer = find_layer(*ds, path, layer_name);
  if (auto unknown = unresolved_geojson_crs(*ds, path)) {
    throw InputError("the file names its CRS '" + *unknown +
                         "', which PROJ does not know (GDAL would read it as WGS 84); declare "
                         "the layer's CRS instead",
                     ErrorContext{.path = path, .layer = layer->GetName()});
  }
  return crs_wkt_of(*layer);
}

namespace {

// What reading one feature needs besides the feature: the layer's fields, the text GDAL would
// turn into numbers, the encoding to recode from, the limits.
struct FeatureReading {
  const std::vector<std::string>& field_names;
  const std::map<long long, std::vector<detail::StoredText>>& stored_text;
  const std::string& recode_from;
  const ReadLimits& limits;
};

// A failure GDAL reported while reading, and the feature it came with (when it came with one:
// an unreadable geometry blob is reported as the feature is read, which then has no geometry).
struct ReadFailure {
  std::string message;
  std::optional<long long> fid;
};

// Reads the features `layer` gives (all, or those its filter lets through) into `out`: their
// values and WKB, GDAL's notes about them, their extent. The failure when GDAL reported one.
std::optional<ReadFailure> read_features(OGRLayer& layer, const FeatureReading& how,
                                         detail::GdalMessages& messages, RawLayer& out) {
  std::optional<ReadFailure> failure;
  layer.ResetReading();
  // What GDAL says before the first feature (setting filters, rewinding) is about the layer.
  for (auto& m : messages.take()) {
    if (m.level >= CE_Failure && !failure) failure = ReadFailure{m.text, std::nullopt};
    add_gdal_note(out.notes, m.text);
  }
  for (auto& feature : layer) {
    check_feature_count(out, how.limits);
    std::size_t vertices = 0;
    RawFeature raw = read_feature(*feature, out.fields, how.recode_from, out.notes, vertices);
    check_vertex_count(out, raw.fid, vertices, how.limits);
    if (auto message = take_feature_messages(messages, how.field_names, raw, out); message && !failure) {
      failure = ReadFailure{std::move(*message), raw.fid};
    }
    if (const auto found = how.stored_text.find(raw.fid); found != how.stored_text.end()) {
      for (const auto& stored : found->second) raw.values[stored.field] = stored.text;
    }
    add_to_extent(*feature, out.extent);
    out.features.push_back(std::move(raw));
  }
  if (!failure && CPLGetLastErrorType() >= CE_Failure) failure = ReadFailure{last_gdal_message(), std::nullopt};
  return failure;
}

InputError read_failed(const std::string& path, const std::string& layer, const ReadFailure& failure) {
  return InputError("reading features failed: " + failure.message,
                    ErrorContext{.path = path, .layer = layer, .feature = failure.fid});
}

void set_spatial_filter(OGRLayer& layer, const ReadOptions& options) {
  if (const auto& box = options.filter) layer.SetSpatialFilterRect(box->min_x, box->min_y, box->max_x, box->max_y);
}

// Layers smaller than this are read by one thread: a second connection costs more than it saves.
constexpr GIntBig min_features_to_split = 1 << 16;

// The FID ranges [from, to) a large GeoPackage layer is read in, one per thread; none for other
// drivers or small layers. GeoPackage FIDs are SQLite row ids: a range is a range scan.
std::optional<std::pair<GIntBig, GIntBig>> gpkg_fid_bounds(GDALDataset& ds, OGRLayer& layer) {
  const std::string sql = fmt::format("SELECT MIN({0}), MAX({0}) FROM {1}",
                                      detail::quoted_identifier(layer.GetFIDColumn()),
                                      detail::quoted_identifier(layer.GetName()));
  OGRLayer* bounds = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (bounds == nullptr) return std::nullopt;
  std::unique_ptr<OGRFeature> row(bounds->GetNextFeature());
  const bool any = row && row->IsFieldSetAndNotNull(0);
  const GIntBig lo = any ? row->GetFieldAsInteger64(0) : 0, hi = any ? row->GetFieldAsInteger64(1) : -1;
  row.reset();
  ds.ReleaseResultSet(bounds);
  if (hi < lo) return std::nullopt;
  return std::pair{lo, hi};
}

bool is_gpkg_with_fid_column(GDALDataset& ds, OGRLayer& layer) {
  return ds.GetDriverName() != nullptr && std::string(ds.GetDriverName()) == "GPKG" &&
         layer.GetFIDColumn()[0] != '\0';
}

std::vector<std::pair<long long, long long>> fid_ranges(GDALDataset& ds, OGRLayer& layer,
                                                      const ReadOptions& options) {
  if (!is_gpkg_with_fid_column(ds, layer)) return {};
  const unsigned threads = thread_count(options.threads);
  if (threads < 2 || layer.GetFeatureCount(TRUE) < min_features_to_split) return {};
  const auto bounds = gpkg_fid_bounds(ds, layer);
  if (!bounds) return {};
  GIntBig lo = bounds->first, hi = bounds->second;
  if (options.fids) {
    lo = std::max<GIntBig>(lo, options.fids->first);
    hi = std::min<GIntBig>(hi, options.fids->second - 1);
  }
  return split_fid_span(lo, hi, threads);
}

// Lets through only the FIDs of `options.fids`, if given: on the FID column where the source
// has one (a GeoPackage row id: a range scan), else on OGR's FID.
void set_fid_filter(OGRLayer& layer, const ReadOptions& options, const RawLayer& out) {
  if (!options.fids) return;
  const char* column = layer.GetFIDColumn();
  const std::string fid = column[0] != '\0' ? detail::quoted_identifier(column) : std::string("FID");
  const std::string filter = fmt::format("{0} >= {1} AND {0} < {2}", fid, options.fids->first,
                                         options.fids->second);
  if (layer.SetAttributeFilter(filter.c_str()) != OGRERR_NONE) {
    throw InputError("reading features failed: " + last_gdal_message(),
                     ErrorContext{.path = out.path, .layer = out.layer});
  }
}

// Every field and the geometry, for OGRLayer::SetIgnoredFields (null-terminated list).
std::vector<const char*> ignore_all_fields(OGRLayer& layer) {
  static const char* const geometry = "OGR_GEOMETRY";
  std::vector<const char*> out;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) out.push_back(defn->GetFieldDefn(i)->GetNameRef());
  out.push_back(geometry);
  out.push_back(nullptr);
  return out;
}

// Reads `ranges` of the layer at once, each on a connection and thread of its own, and joins
// them in range order into `out`: the features, notes and extent one pass would give. Throws
// like one pass when GDAL fails, with what GDAL said on the thread that failed.
void read_fid_ranges(const std::string& path, const ReadOptions& options, OGRLayer& layer,
                     const std::vector<std::pair<GIntBig, GIntBig>>& ranges,
                     const FeatureReading& how, RawLayer& out) {
  const std::string fid = detail::quoted_identifier(layer.GetFIDColumn());
  std::vector<RawLayer> parts(ranges.size());
  std::vector<std::optional<ReadFailure>> failure(ranges.size());  // GDAL's word, per range
  parallel_items(ranges.size(), static_cast<unsigned>(ranges.size()), [] { return 0; },
                 [&](int, std::size_t r) {
                   detail::GdalMessages messages;  // GDAL's handlers are per thread
                   GDALDatasetUniquePtr ds = open_read_only(path, options);
                   OGRLayer* own = find_layer(*ds, path, layer.GetName());
                   (void)messages.take();  // about opening, already noted by the first connection
                   set_spatial_filter(*own, options);
                   const std::string filter = fmt::format("{0} >= {1} AND {0} < {2}", fid,
                                                          ranges[r].first, ranges[r].second);
                   if (own->SetAttributeFilter(filter.c_str()) != OGRERR_NONE) {
                     throw InputError("reading features failed: " + last_gdal_message(),
                                      ErrorContext{.path = path, .layer = out.layer});
                   }
                   parts[r].path = out.path;
                   parts[r].layer = out.layer;
                   parts[r].fields = out.fields;
                   failure[r] = read_features(*own, how, messages, parts[r]);
                 });
  for (const auto& failed : failure) {
    if (failed) throw read_failed(path, out.layer, *failed);
  }
  for (auto& part : parts) {
    out.features.insert(out.features.end(), std::make_move_iterator(part.features.begin()),
                        std::make_move_iterator(part.features.end()));
    out.notes.insert(out.notes.end(), part.notes.begin(), part.notes.end());
    out.extent.add(part.extent);
  }
  // One pass refuses the layer on its first feature beyond the limit.
  if (out.features.size() > how.limits.max_features) check_feature_count(out, how.limits);
}

}  // namespace

bool is_known_encoding(const std::string& encoding) {
  const iconv_t cd = iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

RawLayer read_layer(const std::string& path, const std::string& layer_name,
                    const ReadOptions& options) {
  const ReadLimits& limits = options.limits;
  if (!options.encoding.empty() && !is_known_encoding(options.encoding)) {
    // GDAL would warn once and keep the bytes as they are.
    throw InputError("unknown text encoding '" + options.encoding + "' (e.g. GBK, GB18030, UTF-8)",
                     ErrorContext{.path = path, .layer = layer_name});
  }
  check_file_size(path, limits);
  detail::GdalMessages messages;
  GDALDatasetUniquePtr ds = open_read_only(path, options);
  OGRLayer* layer = find_layer(*ds, path, layer_name);
  RawLayer out;
  out.path = path;
  out.layer = layer->GetName();
  out.crs_wkt = crs_wkt_of(*layer);
  out.unresolved_crs = unresolved_geojson_crs(*ds, path);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<std::string> field_names;
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldDefn* field = defn->GetFieldDefn(i);
    out.fields.push_back({field->GetNameRef(), kind_of(field->GetType())});
    field_names.emplace_back(field->GetNameRef());
  }
  const auto stored_text = detail::non_numbers_in_numeric_fields(*ds, *layer);
  const std::string recode_from = is_shapefile_driver(*ds) ? std::string() : options.encoding;
  // What GDAL said while opening (e.g. GeoJSON is parsed whole on open) is about the layer.
  for (auto& m : messages.take()) add_gdal_note(out.notes, m.text);
  CPLErrorReset();
  const FeatureReading how{field_names, stored_text, recode_from, limits};
  set_spatial_filter(*layer, options);  // before counting: the count then is of what passes
  // A large GeoPackage layer is read in FID ranges on several connections at once: reading,
  // not converting, is then the longest step of loading a city's land use.
  if (const auto ranges = fid_ranges(*ds, *layer, options); !ranges.empty()) {
    read_fid_ranges(path, options, *layer, ranges, how, out);
  } else {
    set_fid_filter(*layer, options, out);
    if (const auto failed = read_features(*layer, how, messages, out)) throw read_failed(path, out.layer, *failed);
  }
  const auto by_fid = [](const RawFeature& a, const RawFeature& b) { return a.fid < b.fid; };
  // Most drivers already give FID order; checking is far cheaper than sorting anyway.
  if (!std::is_sorted(out.features.begin(), out.features.end(), by_fid)) {
    std::stable_sort(out.features.begin(), out.features.end(), by_fid);
  }
  return out;
}

std::optional<std::pair<long long, long long>> fid_bounds(const std::string& path,
                                                         const std::string& layer_name) {
  const detail::GdalMessages ignored;
  GDALDatasetUniquePtr ds = open_read_only(path);
  OGRLayer* layer = find_layer(*ds, path, layer_name);
  if (is_gpkg_with_fid_column(*ds, *layer)) return gpkg_fid_bounds(*ds, *layer);
  // Other drivers: one pass that reads neither geometries nor values.
  layer->SetIgnoredFields(ignore_all_fields(*layer).data());
  std::optional<std::pair<long long, long long>> out;
  layer->ResetReading();
  for (auto& feature : *layer) {
    const long long fid = feature->GetFID();
    if (!out) out = std::pair{fid, fid};
    out->first = std::min(out->first, fid);
    out->second = std::max(out->second, fid);
  }
  return out;
}

std::vector<std::pair<long long, long long>> split_fid_span(long long lo, long long hi, std::uint64_t parts) {
  if (hi < lo || hi == std::numeric_limits<long long>::max() || parts == 0) return {};
  // In long double, the sum too: FIDs may span more than 2^63 (row ids may be negative), and
  // span × part, or the offset from `lo`, would overflow 64 bits.
  const long double span = static_cast<long double>(hi) - static_cast<long double>(lo) + 1.0L;
  const auto edge = [&](std::uint64_t p) {
    if (p == parts) return hi + 1;
    return static_cast<long long>(static_cast<long double>(lo) +
                                  span * static_cast<long double>(p) / static_cast<long double>(parts));
  };
  std::vector<std::pair<long long, long long>> out;
  for (std::uint64_t p = 0; p < parts; ++p) {
    if (edge(p) < edge(p + 1)) out.emplace_back(edge(p), edge(p + 1));
  }
  return out;
}

std::uint64_t feature_count(const std::string& path, const std::string& layer_name) {
  const detail::GdalMessages ignored;
  GDALDatasetUniquePtr ds = open_read_only(path);
  const GIntBig count = find_layer(*ds, path, layer_name)->GetFeatureCount(TRUE);
  return count > 0 ? static_cast<std::uint64_t>(count) : 0;
}

std::optional<Extent> read_stated_extent(const std::string& path, const std::string& layer_name) {
  const detail::GdalMessages ignored;
  GDALDatasetUniquePtr ds = open_read_only(path);
  OGRLayer* layer = find_layer(*ds, path, layer_name);
  OGREnvelope env;
  if (layer->GetExtent(&env, FALSE) != OGRERR_NONE) return std::nullopt;
  Extent out;
  out.add(env.MinX, env.MinY);
  out.add(env.MaxX, env.MaxY);
  if (out.empty() || !out.is_finite()) return std::nullopt;
  return out;
}

std::vector<std::string> list_layers(const std::string& path) {
  const detail::GdalMessages ignored;
  GDALDatasetUniquePtr ds = open_read_only(path);
  std::vector<std::string> names;
  for (auto* layer : ds->GetLayers()) names.emplace_back(layer->GetName());
  return names;
}

}  // namespace cx::io
