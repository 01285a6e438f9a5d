#include "cx/io/vector_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/core/error.hpp"

namespace cx::io {
namespace {

std::string last_gdal_message() {
  const char* msg = CPLGetLastErrorMsg();
  return (msg != nullptr && *msg != '\0') ? std::string(msg) : std::string("no detail from GDAL");
}

GDALDatasetUniquePtr open_read_only(const std::string& path) {
  ensure_gdal_registered();
  ErrorContext where{.path = path};
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError("file does not exist", where);
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  GDALDatasetUniquePtr ds(GDALDataset::Open(
      path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
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

// 2D ISO WKB of a geometry; curves linearised, Z and M dropped (the engine works in plan).
std::vector<std::uint8_t> to_plan_wkb(const OGRGeometry& source, bool& had_z_or_m) {
  std::unique_ptr<OGRGeometry> geometry(source.hasCurveGeometry() ? source.getLinearGeometry()
                                                                  : source.clone());
  had_z_or_m = geometry->Is3D() || geometry->IsMeasured();
  geometry->flattenTo2D();
  std::vector<std::uint8_t> wkb(geometry->WkbSize());
  geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

std::optional<std::string> crs_wkt_of(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (srs == nullptr) return std::nullopt;
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  srs->exportToWkt(&wkt, options);
  std::optional<std::string> out;
  if (wkt != nullptr) out = std::string(wkt);
  CPLFree(wkt);
  return out;
}

}  // namespace

std::optional<std::string> read_layer_crs(const std::string& path, const std::string& layer_name) {
  GDALDatasetUniquePtr ds = open_read_only(path);
  return crs_wkt_of(*find_layer(*ds, path, layer_name));
}

RawLayer read_layer(const std::string& path, const std::string& layer_name) {
  GDALDatasetUniquePtr ds = open_read_only(path);
  OGRLayer* layer = find_layer(*ds, path, layer_name);
  RawLayer out;
  out.path = path;
  out.layer = layer->GetName();
  out.crs_wkt = crs_wkt_of(*layer);
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldDefn* field = defn->GetFieldDefn(i);
    out.fields.push_back({field->GetNameRef(), kind_of(field->GetType())});
  }
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  layer->ResetReading();
  for (auto& feature : *layer) {
    RawFeature raw;
    raw.fid = feature->GetFID();
    raw.values.reserve(out.fields.size());
    for (int i = 0; i < static_cast<int>(out.fields.size()); ++i) {
      raw.values.push_back(read_value(*feature, i, out.fields[static_cast<std::size_t>(i)].kind));
    }
    if (const OGRGeometry* geometry = feature->GetGeometryRef()) {
      raw.wkb = to_plan_wkb(*geometry, raw.had_z_or_m);
      if (!geometry->IsEmpty()) {
        OGREnvelope env;
        geometry->getEnvelope(&env);
        out.extent.add(env.MinX, env.MinY);
        out.extent.add(env.MaxX, env.MaxY);
      }
    }
    out.features.push_back(std::move(raw));
  }
  if (CPLGetLastErrorType() >= CE_Failure) {
    throw InputError("reading features failed: " + last_gdal_message(),
                     ErrorContext{.path = path, .layer = out.layer});
  }
  std::stable_sort(out.features.begin(), out.features.end(),
                   [](const RawFeature& a, const RawFeature& b) { return a.fid < b.fid; });
  return out;
}

std::vector<std::string> list_layers(const std::string& path) {
  GDALDatasetUniquePtr ds = open_read_only(path);
  std::vector<std::string> names;
  for (auto* layer : ds->GetLayers()) names.emplace_back(layer->GetName());
  return names;
}

}  // namespace cx::io
