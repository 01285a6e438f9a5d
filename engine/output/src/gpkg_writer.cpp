#include "cx/output/gpkg_writer.hpp"

#include <unistd.h>

#include <system_error>

#include <cpl_conv.h>
#include <fmt/format.h>
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "cx/core/error.hpp"
#include "cx/io/vector_reader.hpp"

namespace cx::output {

struct GpkgWriterImpl {
  GDALDatasetUniquePtr dataset;
  OGRSpatialReference srs;
};

namespace {

std::string gdal_message() {
  const char* msg = CPLGetLastErrorMsg();
  return (msg != nullptr && *msg != '\0') ? msg : "no detail from GDAL";
}

OGRwkbGeometryType to_ogr(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::None: return wkbNone;
    case GeometryKind::Point: return wkbPoint;
    case GeometryKind::LineString: return wkbLineString;
    case GeometryKind::MultiLineString: return wkbMultiLineString;
    case GeometryKind::Polygon: return wkbPolygon;
    case GeometryKind::MultiPolygon: return wkbMultiPolygon;
  }
  return wkbUnknown;
}

OGRFieldType to_ogr(ColumnType type) {
  switch (type) {
    case ColumnType::Integer: return OFTInteger64;
    case ColumnType::Real: return OFTReal;
    case ColumnType::Text: return OFTString;
  }
  return OFTString;
}

void set_value(OGRFeature& feature, int index, const io::FieldValue& value) {
  if (io::is_null(value)) {
    feature.SetFieldNull(index);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    feature.SetField(index, static_cast<GIntBig>(*i));
  } else if (const auto* d = std::get_if<double>(&value)) {
    feature.SetField(index, *d);
  } else {
    feature.SetField(index, std::get<std::string>(value).c_str());
  }
}

}  // namespace

GpkgWriter::GpkgWriter(std::filesystem::path target, const crs::Crs& crs)
    : m_target(std::move(target)), m_impl(std::make_unique<GpkgWriterImpl>()) {
  io::ensure_gdal_registered();
  const ErrorContext where{.path = m_target.string()};
  std::error_code ec;
  if (std::filesystem::is_directory(m_target, ec)) {
    throw IoError("the output path is a directory; give a .gpkg file name", where);
  }
  const auto parent = m_target.parent_path().empty() ? std::filesystem::path(".")
                                                     : m_target.parent_path();
  std::filesystem::create_directories(parent, ec);
  if (ec) throw IoError("cannot create the output directory: " + ec.message(), where);
  // Hidden, beside the target (same file system, so the final rename is atomic), unique per process.
  m_temp = parent / fmt::format(".{}.tmp-{}", m_target.filename().string(), ::getpid());
  std::filesystem::remove(m_temp, ec);

  // Pin every "now" GDAL writes (gpkg_contents.last_change) so re-runs are byte-identical.
  CPLSetConfigOption("OGR_CURRENT_DATE", pinned_timestamp);
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (driver == nullptr) throw InternalError("GDAL has no GPKG driver");
  m_impl->dataset.reset(driver->Create(m_temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!m_impl->dataset) {
    throw IoError("cannot create the output GeoPackage: " + gdal_message(), where);
  }
  const std::string wkt = crs.to_wkt();
  m_impl->srs.importFromWkt(wkt.c_str());
  m_impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
}

GpkgWriter::~GpkgWriter() {
  if (m_committed) return;
  m_impl->dataset.reset();
  std::error_code ec;
  std::filesystem::remove(m_temp, ec);
}

void GpkgWriter::write_table(const TableSchema& schema, const std::vector<Row>& rows) {
  CX_ASSERT(!m_committed);
  for (const auto& row : rows) check_row(schema, row);  // before anything is written
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  const ErrorContext where{.path = m_target.string(), .layer = schema.name};
  const bool spatial = schema.geometry != GeometryKind::None;
  const std::string description = "DESCRIPTION=" + schema.description;
  const char* options[] = {"FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES",
                           description.c_str(), nullptr};
  OGRLayer* layer = m_impl->dataset->CreateLayer(schema.name.c_str(),
                                                 spatial ? &m_impl->srs : nullptr,
                                                 to_ogr(schema.geometry),
                                                 const_cast<char**>(options));
  if (layer == nullptr) throw IoError("cannot create the table: " + gdal_message(), where);
  for (const auto& column : schema.columns) {
    OGRFieldDefn field(column.name.c_str(), to_ogr(column.type));
    if (layer->CreateField(&field) != OGRERR_NONE) {
      throw IoError("cannot create column '" + column.name + "': " + gdal_message(), where);
    }
  }
  if (m_impl->dataset->StartTransaction() != OGRERR_NONE) {
    throw IoError("cannot start a transaction: " + gdal_message(), where);
  }
  for (const auto& row : rows) {
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      set_value(feature, static_cast<int>(i), row.values[i]);
    }
    if (!row.wkb.empty()) {
      OGRGeometry* geometry = nullptr;
      if (OGRGeometryFactory::createFromWkb(row.wkb.data(), &m_impl->srs, &geometry,
                                            row.wkb.size()) != OGRERR_NONE) {
        throw InternalError("table '" + schema.name + "': cannot decode an output geometry");
      }
      feature.SetGeometryDirectly(geometry);
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) {
      throw IoError("cannot write a row: " + gdal_message(), where);
    }
  }
  if (m_impl->dataset->CommitTransaction() != OGRERR_NONE) {
    throw IoError("cannot commit the table: " + gdal_message(), where);
  }
}

void GpkgWriter::commit() {
  CX_ASSERT(!m_committed);
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  m_impl->dataset->FlushCache(true);
  m_impl->dataset.reset();  // closes the file
  if (CPLGetLastErrorType() >= CE_Failure) {
    throw IoError("cannot finish the GeoPackage: " + gdal_message(),
                  ErrorContext{.path = m_target.string()});
  }
  std::error_code ec;
  std::filesystem::rename(m_temp, m_target, ec);
  if (ec) {
    std::filesystem::remove(m_temp, ec);
    throw IoError("cannot move the finished GeoPackage into place: " + ec.message(),
                  ErrorContext{.path = m_target.string()});
  }
  m_committed = true;
}

}  // namespace cx::output
