#include "cx/output/gpkg_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "cx/core/error.hpp"
#include "gpkg_geometry.hpp"
#include "row_pipeline.hpp"
#include "rtree_bulk_load.hpp"
#include "sqlite_db.hpp"

namespace cx::output {

using detail::quote_identifier;
using detail::quote_literal;

struct GpkgWriterImpl {
  GpkgWriterImpl(const std::filesystem::path& temp, const std::filesystem::path& target)
      : db(temp, target), writeback_fd(::open(temp.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~GpkgWriterImpl() {
    if (writeback_fd >= 0) ::close(writeback_fd);
  }
  GpkgWriterImpl(const GpkgWriterImpl&) = delete;
  GpkgWriterImpl& operator=(const GpkgWriterImpl&) = delete;

  /// Asks the kernel to start writing what SQLite has written so far to disk, without waiting:
  /// the disk then works while the rest is computed, and the fsync before the rename has
  /// little left to do (it took 2 s for a 750 MB file). Only a hint; commit() still syncs.
  void start_writeback() const {
#ifdef __linux__
    if (writeback_fd >= 0) (void)::sync_file_range(writeback_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
  }

  detail::SqliteDb db;
  std::int32_t srs_id = 0;
  int writeback_fd = -1;
};

namespace {

// 'GPKG' in the SQLite header's application_id, and GeoPackage 1.2 in user_version (as GDAL 3.6
// writes by default, so GDAL and QGIS treat the file exactly like one of their own).
constexpr std::int32_t gpkg_application_id = 0x47504B47;
constexpr int gpkg_user_version = 10200;
// Where a CRS has no EPSG code, GDAL numbers it from 100000; so do we.
constexpr std::int32_t first_custom_srs_id = 100000;

// The temporary file is discarded on any failure, so SQLite need not journal or sync it while
// it is written; commit() syncs it once before the rename. A small page cache (2 MiB) lets
// SQLite hand pages to the write-behind thread as tables fill, where a 64 MiB one held them all
// for the commit: that was 50 MB more memory and about 5 % longer overlays on the bench city.
constexpr const char* connection_setup = R"sql(
PRAGMA page_size = 4096;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -2048;
)sql";

// The mandatory tables of GeoPackage 1.2 (clauses 1.1.2, 1.1.3, 2.1.5) and the extensions
// register (2.3), with the three SRS rows every GeoPackage has.
constexpr const char* core_tables = R"sql(
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined',
   'undefined Cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
   'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
)sql";

const char* geometry_type_name(GeometryKind kind) {
  switch (kind) {
    case GeometryKind::Point: return "POINT";
    case GeometryKind::LineString: return "LINESTRING";
    case GeometryKind::MultiLineString: return "MULTILINESTRING";
    case GeometryKind::Polygon: return "POLYGON";
    case GeometryKind::MultiPolygon: return "MULTIPOLYGON";
    case GeometryKind::Geometry: return "GEOMETRY";
    case GeometryKind::None: break;
  }
  return "GEOMETRY";
}

const char* column_type_name(ColumnType type) {
  switch (type) {
    case ColumnType::Integer: return "INTEGER";
    case ColumnType::Real: return "REAL";
    case ColumnType::Text: return "TEXT";
  }
  return "TEXT";
}

constexpr const char* fid_column = "fid";
constexpr const char* geometry_column = "geom";

std::string create_table_sql(const TableSchema& schema) {
  std::string sql = fmt::format("CREATE TABLE {} ({} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
                                quote_identifier(schema.name), quote_identifier(fid_column));
  if (schema.geometry != GeometryKind::None) {
    sql += fmt::format(", {} {}", quote_identifier(geometry_column),
                       geometry_type_name(schema.geometry));
  }
  for (const auto& column : schema.columns) {
    sql += fmt::format(", {} {}", quote_identifier(column.name), column_type_name(column.type));
  }
  return sql + ")";
}

/// INSERT of `rows` rows at once: one statement per few dozen rows instead of one per row
/// halves SQLite's per-row cost (statement start-up, the AUTOINCREMENT bookkeeping).
std::string insert_sql(const TableSchema& schema, std::size_t rows) {
  const bool spatial = schema.geometry != GeometryKind::None;
  std::string names;
  std::string marks;
  if (spatial) {
    names += ", " + quote_identifier(geometry_column);
    marks += ", ?";
  }
  for (const auto& column : schema.columns) {
    names += ", " + quote_identifier(column.name);
    marks += ", ?";
  }
  names.erase(0, 2);
  marks.erase(0, 2);
  std::string values = "(" + marks + ")";
  for (std::size_t r = 1; r < rows; ++r) values += ", (" + marks + ")";
  return fmt::format("INSERT INTO {} ({}) VALUES {}", quote_identifier(schema.name), names, values);
}

void bind_value(detail::Statement& insert, int index, const io::FieldValue& value) {
  if (io::is_null(value)) {
    insert.bind_null(index);
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    insert.bind(index, *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    insert.bind(index, *d);
  } else {
    insert.bind(index, std::string_view(std::get<std::string>(value)));
  }
}

/// The triggers of the GeoPackage R-tree extension (GeoPackage 1.2, annex F.3) that keep the
/// index right when someone edits the table later, e.g. in QGIS.
std::string rtree_triggers_sql(const std::string& table, const std::string& rtree) {
  const std::string t = quote_identifier(table);
  const std::string r = quote_identifier(rtree);
  const std::string g = quote_identifier(geometry_column);
  const std::string f = quote_identifier(fid_column);
  const std::string box = fmt::format("ST_MinX(NEW.{0}), ST_MaxX(NEW.{0}), ST_MinY(NEW.{0}), ST_MaxY(NEW.{0})", g);
  const auto name = [&](const char* suffix) { return quote_identifier(rtree + "_" + suffix); };
  std::string sql;
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER INSERT ON {} WHEN (NEW.{} NOT NULL AND NOT ST_IsEmpty(NEW.{})) "
      "BEGIN INSERT OR REPLACE INTO {} VALUES (NEW.{}, {}); END;\n",
      name("insert"), t, g, g, r, f, box);
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER UPDATE OF {} ON {} WHEN OLD.{} = NEW.{} AND (NEW.{} NOTNULL AND "
      "NOT ST_IsEmpty(NEW.{})) BEGIN INSERT OR REPLACE INTO {} VALUES (NEW.{}, {}); END;\n",
      name("update1"), g, t, f, f, g, g, r, f, box);
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER UPDATE OF {} ON {} WHEN OLD.{} = NEW.{} AND (NEW.{} ISNULL OR "
      "ST_IsEmpty(NEW.{})) BEGIN DELETE FROM {} WHERE id = OLD.{}; END;\n",
      name("update2"), g, t, f, f, g, g, r, f);
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER UPDATE ON {} WHEN OLD.{} != NEW.{} AND (NEW.{} NOTNULL AND NOT "
      "ST_IsEmpty(NEW.{})) BEGIN DELETE FROM {} WHERE id = OLD.{}; INSERT OR REPLACE INTO {} "
      "VALUES (NEW.{}, {}); END;\n",
      name("update3"), t, f, f, g, g, r, f, r, f, box);
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER UPDATE ON {} WHEN OLD.{} != NEW.{} AND (NEW.{} ISNULL OR "
      "ST_IsEmpty(NEW.{})) BEGIN DELETE FROM {} WHERE id IN (OLD.{}, NEW.{}); END;\n",
      name("update4"), t, f, f, g, g, r, f, f);
  sql += fmt::format(
      "CREATE TRIGGER {} AFTER DELETE ON {} WHEN OLD.{} NOT NULL "
      "BEGIN DELETE FROM {} WHERE id = OLD.{}; END;\n",
      name("delete"), t, g, r, f);
  return sql;
}

/// Sets up the connection, creates the mandatory tables and registers the working CRS.
void create_core_tables(detail::SqliteDb& db, const crs::Crs& crs, std::int32_t& srs_id) {
  db.exec(connection_setup);
  db.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};",
                      gpkg_application_id, gpkg_user_version));
  db.exec("BEGIN");  // one transaction for the whole file, committed in commit()
  db.exec(core_tables);

  const auto code = crs.epsg_code();
  srs_id = code ? *code : first_custom_srs_id;
  if (srs_id == 4326) return;  // one of the three rows every GeoPackage has
  detail::Statement srs(db, "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, '')");
  const std::string name = crs.name();
  const std::string wkt = crs.to_wkt1();
  srs.bind(1, std::string_view(name));
  srs.bind(2, std::int64_t{srs_id});
  srs.bind(3, std::string_view(code ? "EPSG" : "NONE"));
  srs.bind(4, std::int64_t{srs_id});
  srs.bind(5, std::string_view(wkt));
  srs.execute();
}

}  // namespace

namespace {

// Refused before any directory is made for it.
const std::filesystem::path& not_a_directory(const std::filesystem::path& target) {
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) {
    throw IoError("the output path is a directory; give a .gpkg file name",
                  ErrorContext{.path = target.string()});
  }
  return target;
}

}  // namespace

GpkgWriter::GpkgWriter(std::filesystem::path target, const crs::Crs& crs)
    : m_target(through_links(std::move(target))), m_made_directories(directory_of(not_a_directory(m_target)), m_target) {
  try {  // from here on a failure also takes away the directories made for the target
    m_temp = temporary_path_for(m_target);
    m_impl = std::make_unique<GpkgWriterImpl>(m_temp, m_target);
    create_core_tables(m_impl->db, crs, m_impl->srs_id);
  } catch (...) {
    discard();
    throw;
  }
}

GpkgWriter::~GpkgWriter() {
  if (!m_committed) discard();
}

void GpkgWriter::discard() noexcept {
  m_impl.reset();  // closes the connection
  std::error_code ec;
  std::filesystem::remove(m_temp, ec);
  m_made_directories.remove_if_empty();
}

void GpkgWriter::write_table(const TableSchema& schema, std::vector<Row> rows, const Progress& progress) {
  const RowSource source{.count = rows.size(), .row = [&rows](std::size_t i) { return std::move(rows[i]); }};
  write_table(schema, source, progress);
}

void GpkgWriter::write_table(const TableSchema& schema, const RowSource& rows, const Progress& progress) {
  CX_ASSERT(!m_committed);
  auto& db = m_impl->db;
  const bool spatial = schema.geometry != GeometryKind::None;
  try {
    db.exec(create_table_sql(schema));
    // SQLite allows 32766 bound values a statement.
    const std::size_t values_per_row = std::max<std::size_t>((spatial ? 1 : 0) + schema.columns.size(), 1);
    const std::size_t batch = std::clamp<std::size_t>(30000 / values_per_row, 1, 64);
    detail::Statement insert_batch(db, insert_sql(schema, batch));
    detail::Envelope extent;
    std::vector<detail::RtreeBox> boxes;
    if (spatial) boxes.reserve(rows.count);
    detail::RowPipeline pipeline(schema, rows, m_impl->srs_id);
    std::int64_t fid = 0;
    std::size_t chunks = 0;
    for (auto chunk = pipeline.next(); !chunk.empty(); chunk = pipeline.next()) {
      if (++chunks % 64 == 0) m_impl->start_writeback();  // every ~250 000 rows
      for (std::size_t first = 0; first < chunk.size(); first += batch) {
        const std::size_t count = std::min(batch, chunk.size() - first);
        std::optional<detail::Statement> last;
        detail::Statement& insert = count == batch ? insert_batch : last.emplace(db, insert_sql(schema, count));
        int index = 1;
        for (std::size_t k = first; k < first + count; ++k) {
          const detail::EncodedRow& row = chunk[k];
          ++fid;  // SQLite numbers a new table's rows 1, 2, ... in the order they come
          if (spatial) {
            if (row.blob.empty()) {
              insert.bind_null(index++);
            } else {
              insert.bind_blob(index++, row.blob);
            }
            if (!row.envelope.empty) {
              extent.expand(row.envelope);
              boxes.push_back(detail::rtree_box(fid, row.envelope));
            }
          }
          for (const auto& value : row.values) bind_value(insert, index++, value);
        }
        insert.execute();
      }
      progress.report(static_cast<double>(fid) / static_cast<double>(std::max<std::size_t>(rows.count, 1)));
    }
    if (static_cast<std::size_t>(fid) != rows.count) {
      throw InternalError("table '" + schema.name + "': " + std::to_string(fid) + " rows of " +
                          std::to_string(rows.count) + " were made");
    }

    detail::Statement contents(db, "INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    contents.bind(1, std::string_view(schema.name));
    contents.bind(2, std::string_view(spatial ? "features" : "attributes"));
    contents.bind(3, std::string_view(schema.name));
    contents.bind(4, std::string_view(schema.description));
    contents.bind(5, std::string_view(pinned_timestamp));
    if (extent.empty) {
      for (int i = 6; i <= 9; ++i) contents.bind_null(i);
    } else {
      contents.bind(6, extent.min_x);
      contents.bind(7, extent.min_y);
      contents.bind(8, extent.max_x);
      contents.bind(9, extent.max_y);
    }
    if (spatial) {
      contents.bind(10, std::int64_t{m_impl->srs_id});
    } else {
      contents.bind_null(10);
    }
    contents.execute();
    if (!spatial) return;

    const std::string rtree = fmt::format("rtree_{}_{}", schema.name, geometry_column);
    db.exec(fmt::format(
        "INSERT INTO gpkg_geometry_columns VALUES ({}, {}, {}, {}, 0, 0);"
        "INSERT INTO gpkg_extensions VALUES ({}, {}, 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');"
        "CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy);",
        quote_literal(schema.name), quote_literal(geometry_column),
        quote_literal(geometry_type_name(schema.geometry)), m_impl->srs_id,
        quote_literal(schema.name), quote_literal(geometry_column), quote_identifier(rtree)));
    detail::bulk_load_rtree(db, rtree, std::move(boxes));
    db.exec(rtree_triggers_sql(schema.name, rtree));
    m_impl->start_writeback();
  } catch (Error& e) {
    e.add_context(ErrorContext{.path = m_target.string(), .layer = schema.name});
    throw;
  }
}

void GpkgWriter::write_styles(const std::vector<LayerStyle>& styles) {
  auto& db = m_impl->db;
  try {
    // The table as QGIS creates it when it saves a style into a GeoPackage.
    db.exec(
        "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
        "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), "
        "styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, "
        "owner TEXT(30), ui TEXT(30), "
        "update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
    detail::Statement contents(db, "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                                   "description, last_change) VALUES (?, 'attributes', ?, ?, ?)");
    contents.bind(1, std::string_view("layer_styles"));
    contents.bind(2, std::string_view("layer_styles"));
    contents.bind(3, std::string_view("Default QGIS style of each layer (QGIS applies it on opening)"));
    contents.bind(4, std::string_view(pinned_timestamp));
    contents.execute();
    detail::Statement insert(db, "INSERT INTO layer_styles (f_table_catalog, f_table_schema, "
                                 "f_table_name, f_geometry_column, styleName, styleQML, styleSLD, "
                                 "useAsDefault, description, owner, ui, update_time) "
                                 "VALUES ('', '', ?, ?, ?, ?, '', 1, ?, '', NULL, ?)");
    for (const auto& style : styles) {
      insert.bind(1, std::string_view(style.table));
      insert.bind(2, std::string_view(geometry_column));
      insert.bind(3, std::string_view(style.name));
      insert.bind(4, std::string_view(style.qml));
      insert.bind(5, std::string_view(style.description));
      insert.bind(6, std::string_view(pinned_timestamp));
      insert.execute();
    }
  } catch (Error& e) {
    e.add_context(ErrorContext{.path = m_target.string(), .layer = "layer_styles"});
    throw;
  }
}

void GpkgWriter::commit() {
  CX_ASSERT(!m_committed);
  m_impl->db.exec("COMMIT");
  m_impl->db.close();
  flush_to_disk(m_temp);
  std::error_code ec;
  std::filesystem::rename(m_temp, m_target, ec);
  if (ec) {
    const std::string why = ec.message();
    discard();
    throw IoError("cannot move the finished GeoPackage into place: " + why,
                  ErrorContext{.path = m_target.string()});
  }
  m_committed = true;
}

}  // namespace cx::output
