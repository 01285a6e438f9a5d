#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "cx/core/error.hpp"
#include "cx/crs/crs.hpp"
#include "cx/output/gpkg_writer.hpp"
#include "cx/output/output_files.hpp"
#include "test_support.hpp"

namespace cx::output {
namespace {

std::size_t entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                std::filesystem::directory_iterator()));
}

TEST(MadeDirectories, RemovesOnlyWhatItMadeAndOnlyWhileEmpty) {
  test::TempDir dir;
  std::filesystem::create_directory(dir / "there");
  const MadeDirectories made(dir / "there/a/b", dir / "there/a/b/out.gpkg");
  ASSERT_TRUE(std::filesystem::is_directory(dir / "there/a/b"));
  EXPECT_EQ(made.made(), (std::vector<std::filesystem::path>{dir / "there/a", dir / "there/a/b"}));
  test::write_text(dir / "there/a/someone_else.txt", "x");
  made.remove_if_empty();
  EXPECT_FALSE(std::filesystem::exists(dir / "there/a/b"));  // empty: made by us, removed
  EXPECT_TRUE(std::filesystem::exists(dir / "there/a/someone_else.txt"));  // not empty: kept
  std::filesystem::remove(dir / "there/a/someone_else.txt");
  made.remove_if_empty();
  EXPECT_FALSE(std::filesystem::exists(dir / "there/a"));
  EXPECT_TRUE(std::filesystem::is_directory(dir / "there"));  // was there before
}

TEST(MadeDirectories, AnExistingDirectoryReachedThroughANewOneIsKept) {
  test::TempDir dir;
  std::filesystem::create_directory(dir / "old");
  const MadeDirectories made(dir / "new/../old", dir / "new/../old/out.gpkg");
  EXPECT_EQ(made.made(), (std::vector<std::filesystem::path>{dir / "new"}));
  made.remove_if_empty();
  EXPECT_FALSE(std::filesystem::exists(dir / "new"));
  EXPECT_TRUE(std::filesystem::is_directory(dir / "old"));  // empty, but not made here
}

TEST(MadeDirectories, AnExistingDirectoryIsNotMade) {
  test::TempDir dir;
  const MadeDirectories made(dir.path(), dir / "out.gpkg");
  EXPECT_TRUE(made.made().empty());
  made.remove_if_empty();
  EXPECT_TRUE(std::filesystem::is_directory(dir.path()));
}

TEST(MadeDirectories, ADirectoryThatCannotBeMadeIsAnErrorNamingTheOutput) {
  test::TempDir dir;
  test::write_text(dir / "file", "not a directory");
  try {
    const MadeDirectories made(dir / "file/sub", dir / "file/sub/out.gpkg");
    FAIL() << "made a directory under a file";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("file/sub/out.gpkg"), std::string::npos) << e.what();
  }
  EXPECT_EQ(test::read_text(dir / "file"), "not a directory");
}

TEST(GpkgWriter, AnAbandonedWriteRemovesTheDirectoriesItMade) {
  test::TempDir dir;
  {
    GpkgWriter writer(dir / "new/deeper/out.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    EXPECT_TRUE(std::filesystem::exists(writer.temporary_path()));
  }  // destroyed without commit(), as when an analysis throws
  EXPECT_EQ(entries(dir.path()), 0U);
  {
    GpkgWriter writer(dir / "new/deeper/out.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    writer.commit();
  }
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "new/deeper/out.gpkg"));
}

// An output named through a symbolic link is written where the link points (through a chain of
// links, relative ones resolved from the link's directory); the link stays a link. It used to be
// replaced by a file of its own, leaving the file it pointed to with the old results.
TEST(OutputThroughALink, TheLinkKeepsPointingToTheNewOutput) {
  test::TempDir dir;
  std::filesystem::create_directory(dir / "real");
  test::write_text(dir / "real/r.md", "old");
  std::filesystem::create_symlink("real/r.md", dir / "first.md");
  std::filesystem::create_symlink(dir / "first.md", dir / "second.md");
  EXPECT_EQ(through_links(dir / "second.md"), dir / "real/r.md");
  write_text_file(dir / "second.md", "new");
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "second.md"));
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "first.md"));
  EXPECT_EQ(test::read_text(dir / "real/r.md"), "new");

  std::filesystem::create_symlink("real/out.gpkg", dir / "out.gpkg");  // dangling until written
  {
    GpkgWriter writer(dir / "out.gpkg", crs::Crs::from_user_input("EPSG:4547"));
    writer.commit();
  }
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "out.gpkg"));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "real/out.gpkg"));
}

TEST(WriteTextFile, WritesTheTextAndMakesTheDirectory) {
  test::TempDir dir;
  write_text_file(dir / "reports/r.md", "# report\n");
  EXPECT_EQ(test::read_text(dir / "reports/r.md"), "# report\n");
  write_text_file(dir / "reports/r.md", "second");
  EXPECT_EQ(test::read_text(dir / "reports/r.md"), "second");
  EXPECT_EQ(entries(dir / "reports"), 1U);  // no temporary file left
}

TEST(WriteTextFile, AFailedWriteLeavesTheOldFileAndNothingElse) {
  test::TempDir dir;
  write_text_file(dir / "out/r.md", "old");
  {
    const test::FileSizeLimit full_disk(4);
    EXPECT_THROW(write_text_file(dir / "out/r.md", "a longer text"), IoError);
    EXPECT_THROW(write_text_file(dir / "new/deeper/r.md", "a longer text"), IoError);
  }
  EXPECT_EQ(test::read_text(dir / "out/r.md"), "old");
  EXPECT_EQ(entries(dir / "out"), 1U);  // no temporary file left
  EXPECT_FALSE(std::filesystem::exists(dir / "new"));  // made for the failed file, removed
  // A target that is a directory: the move fails; nothing else changes.
  std::filesystem::create_directories(dir / "taken/r.md/inside");
  EXPECT_THROW(write_text_file(dir / "taken/r.md", "text"), IoError);
  EXPECT_EQ(entries(dir / "taken"), 1U);
}

// The report a killed run was writing is removed by the next write of the same report; one
// that a live process is writing is left alone.
TEST(WriteTextFile, RemovesTheTemporaryFileOfAKilledRunOnly) {
  test::TempDir dir;
  const pid_t gone = ::fork();  // a process id that no longer runs
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const auto orphan = dir / (".r.md.tmp-" + std::to_string(gone));
  const auto live = dir / (".r.md.tmp-" + std::to_string(::getppid()));  // our parent: alive
  test::write_text(orphan, "half a report");
  test::write_text(live, "another run's report");
  write_text_file(dir / "r.md", "text");
  EXPECT_FALSE(std::filesystem::exists(orphan));
  EXPECT_TRUE(std::filesystem::exists(live));
  EXPECT_EQ(test::read_text(dir / "r.md"), "text");
}

}  // namespace
}  // namespace cx::output
