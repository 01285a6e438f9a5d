#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include "cx/io/vector_reader.hpp"

namespace cx::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::string name = "t";  // appended step by step: GCC 12 -O3 warns falsely on "t" + string
  name += std::to_string(::getpid());
  name += '_';
  name += std::to_string(counter++);
  m_path = std::filesystem::path(scratch_dir) / name;
  std::filesystem::remove_all(m_path);
  std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(source_dir) / "tests" / "data" / relative;
}

std::filesystem::path source_path(const std::string& relative) {
  return std::filesystem::path(source_dir) / relative;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

namespace {
OGRFieldType field_type(const std::string& type) {
  if (type == "Real") return OFTReal;
  if (type == "Integer") return OFTInteger;
  return OFTString;
}
}  // namespace

void write_layer(const std::filesystem::path& path, const std::string& driver_name,
                 const std::string& layer_name, std::optional<int> epsg,
                 const std::vector<FixtureField>& fields,
                 const std::vector<FixtureFeature>& features) {
  io::ensure_gdal_registered();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) throw std::runtime_error("no GDAL driver " + driver_name);
  // A GeoPackage that exists already gets one more layer; anything else is made anew.
  const bool add_layer = driver_name == "GPKG" && std::filesystem::exists(path);
  GDALDatasetUniquePtr ds(add_layer ? GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE)
                                    : driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw std::runtime_error("cannot create " + path.string());
  OGRSpatialReference srs;
  if (epsg) {
    srs.importFromEPSG(*epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  }
  OGRwkbGeometryType type = wkbUnknown;
  for (const auto& f : features) {
    if (f.wkt.empty()) continue;
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkt(f.wkt.c_str(), nullptr, &g);
    if (g != nullptr) {
      type = wkbFlatten(g->getGeometryType());
      OGRGeometryFactory::destroyGeometry(g);
      break;
    }
  }
  OGRLayer* layer = ds->CreateLayer(layer_name.c_str(), epsg ? &srs : nullptr, type, nullptr);
  if (layer == nullptr) throw std::runtime_error("cannot create layer " + layer_name);
  for (const auto& field : fields) {
    OGRFieldDefn defn(field.name.c_str(), field_type(field.type));
    layer->CreateField(&defn);
  }
  for (const auto& f : features) {
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t i = 0; i < f.values.size(); ++i) {
      if (f.values[i] == "<null>") continue;
      feature.SetField(static_cast<int>(i), f.values[i].c_str());
    }
    if (!f.wkt.empty()) {
      OGRGeometry* g = nullptr;
      if (OGRGeometryFactory::createFromWkt(f.wkt.c_str(), epsg ? &srs : nullptr, &g) !=
          OGRERR_NONE) {
        throw std::runtime_error("bad fixture WKT " + f.wkt);
      }
      feature.SetGeometryDirectly(g);
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) throw std::runtime_error("write failed");
  }
}

void execute_sql(const std::filesystem::path& path, const std::string& sql) {
  io::ensure_gdal_registered();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!ds) throw std::runtime_error("cannot open " + path.string() + " for update");
  CPLErrorReset();
  OGRLayer* result = ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
  if (result != nullptr) ds->ReleaseResultSet(result);
  if (CPLGetLastErrorType() >= CE_Failure) {
    throw std::runtime_error("SQL failed on " + path.string() + ": " + CPLGetLastErrorMsg());
  }
}

void translate(const std::filesystem::path& from, const std::filesystem::path& to,
               const std::string& driver) {
  io::ensure_gdal_registered();
  GDALDatasetH src = GDALOpenEx(from.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
  if (src == nullptr) throw std::runtime_error("cannot open " + from.string());
  // Shapefiles default to ISO-8859-1 text; the fixtures hold Chinese names.
  const bool shapefile = driver == "ESRI Shapefile";
  const char* args[] = {"-f", driver.c_str(), shapefile ? "-lco" : nullptr, "ENCODING=UTF-8",
                        nullptr};
  GDALVectorTranslateOptions* options =
      GDALVectorTranslateOptionsNew(const_cast<char**>(args), nullptr);
  int usage_error = 0;
  GDALDatasetH out = GDALVectorTranslate(to.c_str(), nullptr, 1, &src, options, &usage_error);
  GDALVectorTranslateOptionsFree(options);
  GDALClose(src);
  if (out == nullptr) throw std::runtime_error("cannot translate to " + to.string());
  GDALClose(out);
}

CommandResult run_command(const std::string& command) {
  TempDir dir;
  const auto out_file = dir / "stdout";
  const auto err_file = dir / "stderr";
  const std::string full = command + " >" + out_file.string() + " 2>" + err_file.string();
  const int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_text(out_file);
  result.err = read_text(err_file);
  return result;
}

}  // namespace cx::test

namespace cx::test {

FileSizeLimit::FileSizeLimit(rlim_t bytes) {
  m_old_handler = std::signal(SIGXFSZ, SIG_IGN);
  getrlimit(RLIMIT_FSIZE, &m_old);
  rlimit limited = m_old;
  limited.rlim_cur = bytes;
  setrlimit(RLIMIT_FSIZE, &limited);
}

FileSizeLimit::~FileSizeLimit() {
  setrlimit(RLIMIT_FSIZE, &m_old);
  std::signal(SIGXFSZ, m_old_handler);
}

}  // namespace cx::test
