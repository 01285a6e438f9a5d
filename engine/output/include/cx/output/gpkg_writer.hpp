#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cx/core/progress.hpp"
#include "cx/crs/crs.hpp"
#include "cx/output/layer_style.hpp"
#include "cx/output/output_files.hpp"
#include "cx/output/table_schema.hpp"

namespace cx::output {

struct GpkgWriterImpl;

/// Writes a GeoPackage 1.2 safely and fast, straight through SQLite: everything goes to a
/// temporary file beside the target, which replaces the target only when commit() succeeds.
/// If the writer is destroyed before commit() (an error, a cancel), the temporary file is
/// removed and any existing target is left untouched.
///
/// The file is what GDAL writes and QGIS opens (the core gpkg_* tables, one SRS, features and
/// attribute tables, an R-tree spatial index with its triggers on every feature table), and it
/// is the same byte for byte on every run: no clock is read (last_change is pinned), FIDs are
/// 1..n in the order given, and the R-tree is packed deterministically. Not thread-safe.
class GpkgWriter {
public:
  /// Creates the temporary GeoPackage. `target`'s directory is created if missing, and
  /// removed again (with the parents made for it) if the write is abandoned.
  /// Throws cx::IoError when the target is a directory or cannot be written.
  GpkgWriter(std::filesystem::path target, const crs::Crs& crs);
  ~GpkgWriter();
  GpkgWriter(const GpkgWriter&) = delete;
  GpkgWriter& operator=(const GpkgWriter&) = delete;

  /// Writes a whole table; rows get FIDs 1..n in the order given, so the caller sorts them by
  /// stable key first. A row that does not fit the schema is a cx::InternalError. After any
  /// exception the writer is only good for destruction (which discards the file).
  /// `progress` hears the share of rows stored every few thousand rows; a cancel there stops
  /// the table (cx::Cancelled), which is then one of those exceptions.
  void write_table(const TableSchema& schema, std::vector<Row> rows, const Progress& progress = {});
  /// The same for rows made on demand: they are made (and their geometry encoded) on a helper
  /// thread a few thousand ahead while earlier ones are stored, and dropped once stored.
  void write_table(const TableSchema& schema, const RowSource& rows, const Progress& progress = {});

  /// Writes the `layer_styles` table as QGIS makes it (registered in gpkg_contents), one
  /// default style per table in the order given, with the geometry column `geom`, catalog and
  /// schema '' (QGIS ignores a style whose schema is NULL) and the pinned update_time. Each
  /// style's table must have been written; call at most once.
  void write_styles(const std::vector<LayerStyle>& styles);

  /// Finishes the GeoPackage, flushes it to disk and moves it over the target.
  /// Throws cx::IoError on failure.
  void commit();

  [[nodiscard]] const std::filesystem::path& temporary_path() const noexcept { return m_temp; }

  /// The fixed date written as gpkg_contents.last_change.
  static constexpr const char* pinned_timestamp = "2000-01-01T00:00:00.000Z";

private:
  /// Closes and removes the temporary file, and the directories made for the target.
  void discard() noexcept;

  std::filesystem::path m_target;
  MadeDirectories m_made_directories;
  std::filesystem::path m_temp;
  std::unique_ptr<GpkgWriterImpl> m_impl;
  bool m_committed = false;
};

}  // namespace cx::output
