// The GeoPackage writer hands SQLite's pages to a thread that writes them behind its back
// (a VFS of its own). These tests hold it to the default VFS: the same statements give the same
// file, byte for byte, even when SQLite's cache is tiny and pages are read back, rewritten and
// dropped while earlier ones are still on their way; and a write that fails is reported.

#include <gtest/gtest.h>

#include <sqlite3.h>
#include <sys/resource.h>

#include <csignal>
#include <string>

#include "cx/core/error.hpp"
#include "cx/output/gpkg_writer.hpp"
#include "test_support.hpp"

namespace cx::output {
namespace {

constexpr const char* write_behind = "crossaxis-write-behind";

// Registers the writer's VFS (it is registered when the first GeoPackage is written).
void register_write_behind(const std::filesystem::path& dir) {
  GpkgWriter writer(dir / "registers.gpkg", crs::Crs::from_user_input("EPSG:4547"));
  writer.commit();
  ASSERT_NE(sqlite3_vfs_find(write_behind), nullptr);
}

// Runs `sql` on a new database at `path` opened through `vfs`; SQLite's return code of the first
// statement that failed, or of closing.
int run_on_new_database(const std::filesystem::path& path, const char* vfs, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  const int closed = sqlite3_close(db);
  return rc != SQLITE_OK ? rc : closed;
}

// 12 000 rows of ~200 bytes (~2.5 MB) through a cache of 16 pages (64 KiB): SQLite evicts pages
// all the time, reads them back to update and delete rows, frees and reuses pages, and finally
// shrinks the file with VACUUM.
const std::string churn = R"(
PRAGMA page_size = 4096; PRAGMA cache_size = 16; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
BEGIN;
CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v BLOB);
CREATE INDEX t_k ON t (k);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
  INSERT INTO t SELECT i, printf('%08d', (i * 7919) % 12007), zeroblob(150 + i % 97) FROM n;
UPDATE t SET v = zeroblob(400) WHERE id % 13 = 0;
DELETE FROM t WHERE id % 5 = 0;
COMMIT;
VACUUM;
)";

TEST(WriteBehind, GivesTheFileTheDefaultVfsWrites) {
  test::TempDir dir;
  register_write_behind(dir.path());
  ASSERT_EQ(run_on_new_database(dir / "default.db", nullptr, churn), SQLITE_OK);
  ASSERT_EQ(run_on_new_database(dir / "behind.db", write_behind, churn), SQLITE_OK);
  const std::string expected = test::read_text(dir / "default.db");
  EXPECT_GT(expected.size(), 2'000'000U);
  EXPECT_EQ(test::read_text(dir / "behind.db"), expected);
  // With a rollback journal too, at SQLite's default cache and synchronous = FULL (its file is
  // not written behind; with synchronous = OFF the VFS is not meant for a journal).
  const std::string journalled = "PRAGMA journal_mode = DELETE;" + churn.substr(churn.find("BEGIN"));
  ASSERT_EQ(run_on_new_database(dir / "default_j.db", nullptr, journalled), SQLITE_OK);
  ASSERT_EQ(run_on_new_database(dir / "behind_j.db", write_behind, journalled), SQLITE_OK);
  EXPECT_EQ(test::read_text(dir / "behind_j.db"), test::read_text(dir / "default_j.db"));
}

TEST(WriteBehind, AWriteThatFailsOnTheThreadFailsTheStatementsAfterIt) {
  test::TempDir dir;
  register_write_behind(dir.path());
  int rc = SQLITE_OK;
  {
    const test::FileSizeLimit limit(1 << 20);
    rc = run_on_new_database(dir / "behind.db", write_behind, churn);
  }
  EXPECT_EQ(rc & 0xff, SQLITE_IOERR) << sqlite3_errstr(rc);
}

TEST(WriteBehind, AWriteThatFailsAtTheEndIsReportedByCommitAndLeavesTheOldFile) {
  test::TempDir dir;
  const auto path = dir / "out.gpkg";
  test::write_text(path, "previous result");
  const TableSchema table{"t", GeometryKind::None, {{"text", ColumnType::Text}}, "test"};
  std::vector<Row> rows;
  for (int i = 0; i < 20000; ++i) rows.push_back(Row{{std::string(100, 'a' + static_cast<char>(i % 26))}, {}});
  {
    const test::FileSizeLimit limit(1 << 20);  // the table alone takes 2 MB
    GpkgWriter writer(path, crs::Crs::from_user_input("EPSG:4547"));
    writer.write_table(table, std::move(rows));  // all in SQLite's cache: nothing written yet
    try {
      writer.commit();
      ADD_FAILURE() << "commit() succeeded with the file limited to 1 MiB";
    } catch (const IoError& e) {
      EXPECT_NE(std::string(e.what()).find("cannot write the GeoPackage"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(test::read_text(path), "previous result");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

}  // namespace
}  // namespace cx::output
