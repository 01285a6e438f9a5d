#pragma once

#include <sys/resource.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cx_test/test_paths.hpp"

namespace cx::test {

/// A fresh directory for one test, removed afterwards.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

/// A file under tests/data/.
[[nodiscard]] std::filesystem::path data_path(const std::string& relative);
/// A file under the source tree.
[[nodiscard]] std::filesystem::path source_path(const std::string& relative);

void write_text(const std::filesystem::path& path, const std::string& text);
[[nodiscard]] std::string read_text(const std::filesystem::path& path);

/// A field of a fixture layer: name and OGR type ("String", "Real", "Integer").
struct FixtureField {
  std::string name;
  std::string type;
};

/// One fixture feature: WKT geometry (empty = NULL) and values as text, in field order.
struct FixtureFeature {
  std::string wkt;
  std::vector<std::string> values;
};

/// Writes a small vector dataset with GDAL (any driver: "GPKG", "ESRI Shapefile", "GeoJSON",
/// "FlatGeobuf"); a GeoPackage that exists gets the layer added. `epsg` nothing = a layer
/// without CRS.
void write_layer(const std::filesystem::path& path, const std::string& driver,
                 const std::string& layer, std::optional<int> epsg,
                 const std::vector<FixtureField>& fields,
                 const std::vector<FixtureFeature>& features);

/// Runs one SQL statement on a dataset opened for update with GDAL (a GeoPackage: SQLite's own
/// SQL, with GDAL's spatial functions, so its R-tree triggers work).
void execute_sql(const std::filesystem::path& path, const std::string& sql);

/// Converts a dataset to another format with GDAL (like ogr2ogr).
void translate(const std::filesystem::path& from, const std::filesystem::path& to,
               const std::string& driver);

/// While alive, files may grow to `bytes` at most: a write beyond fails (EFBIG), as on a full
/// disk, instead of ending the process (SIGXFSZ is ignored meanwhile).
class FileSizeLimit {
public:
  explicit FileSizeLimit(rlim_t bytes);
  ~FileSizeLimit();
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
  rlimit m_old{};
  void (*m_old_handler)(int) = nullptr;
};

/// Result of running a command line.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
/// Runs `command` through /bin/sh, capturing stdout and stderr.
[[nodiscard]] CommandResult run_command(const std::string& command);

}  // namespace cx::test
