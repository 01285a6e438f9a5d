#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cx/crs/crs.hpp"
#include "cx/output/table_schema.hpp"

namespace cx::output {

struct GpkgWriterImpl;

/// Writes a GeoPackage safely: everything goes to a temporary file beside the target, which
/// replaces the target only when commit() succeeds. If the writer is destroyed before
/// commit() (an error, a cancel), the temporary file is removed and any existing target is left
/// untouched. Timestamps are pinned (OGR_CURRENT_DATE) so identical runs give identical files;
/// every spatial table gets an R-tree spatial index. Not thread-safe.
class GpkgWriter {
public:
  /// Creates the temporary GeoPackage. `target`'s directory is created if missing.
  /// Throws cx::IoError when the target is a directory or cannot be written.
  GpkgWriter(std::filesystem::path target, const crs::Crs& crs);
  ~GpkgWriter();
  GpkgWriter(const GpkgWriter&) = delete;
  GpkgWriter& operator=(const GpkgWriter&) = delete;

  /// Writes a whole table in one transaction; rows get FIDs 1..n in the order given, so the
  /// caller sorts them by stable key first.
  void write_table(const TableSchema& schema, const std::vector<Row>& rows);

  /// Closes the GeoPackage and moves it over the target. Throws cx::IoError on failure.
  void commit();

  [[nodiscard]] const std::filesystem::path& temporary_path() const noexcept { return m_temp; }

  /// The fixed date written wherever GDAL would write "now".
  static constexpr const char* pinned_timestamp = "2000-01-01T00:00:00.000Z";

private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  std::unique_ptr<GpkgWriterImpl> m_impl;
  bool m_committed = false;
};

}  // namespace cx::output
