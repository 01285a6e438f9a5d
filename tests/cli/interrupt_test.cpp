// A long run stopped by SIGTERM or SIGINT (Ctrl-C) leaves the previous output as it was and no
// temporary file; a run killed outright leaves a temporary file that the next run removes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support.hpp"

namespace cx::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A grid of `n` x `n` junctions 100 m apart, as GeoJSON lines: a network that takes seconds.
void write_grid(const fs::path& path, int n) {
  std::string text = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[)";
  int id = 0;
  const auto line = [&](int x0, int y0, int x1, int y1) {
    if (id > 0) text += ",";
    text += R"({"type":"Feature","properties":{"road_id":"G)" + std::to_string(id++) + R"(","class":"branch"},)" +
            R"("geometry":{"type":"LineString","coordinates":[[)" + std::to_string(430000 + 100 * x0) + "," +
            std::to_string(3890000 + 100 * y0) + "],[" + std::to_string(430000 + 100 * x1) + "," +
            std::to_string(3890000 + 100 * y1) + "]]}}";
  };
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j + 1 < n; ++j) {
      line(j, i, j + 1, i);
      line(i, j, i, j + 1);
    }
  }
  write_text(path, text + "]}");
}

class Interrupt : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    grid_dir = std::make_unique<TempDir>();
    write_grid(*grid_dir / "grid.geojson", 170);
  }
  static void TearDownTestSuite() { grid_dir.reset(); }
  static inline std::unique_ptr<TempDir> grid_dir;

  TempDir dir;
  const fs::path out = dir / "out.gpkg";
  const fs::path log = dir / "stderr.txt";
  static constexpr const char* previous = "the previous output, which must survive";

  // Starts `crossaxis network -v` on the grid with stderr to `log`.
  pid_t start() const {
    const std::string roads = (*grid_dir / "grid.geojson").string();
    const pid_t pid = fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, STDERR_FILENO);
      ::execl(crossaxis_exe, crossaxis_exe, "network", "-v", "--speed", "36", "--roads", roads.c_str(), "-o",
              out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return pid;
  }
  bool temp_file_exists() const {
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      if (entry.path().filename().string().find(".tmp-") != std::string::npos) return true;
    }
    return false;
  }
  template <class Condition>
  static bool wait_for(Condition condition, std::chrono::seconds limit = 120s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }
  static int exit_code_of(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
};

TEST_F(Interrupt, SigtermDuringTheAnalysisKeepsThePreviousOutput) {
  write_text(out, previous);
  const pid_t pid = start();
  ASSERT_TRUE(wait_for([&] { return read_text(log).find("road networks") != std::string::npos; }))
      << read_text(log);
  ::kill(pid, SIGTERM);
  EXPECT_EQ(exit_code_of(pid), 130) << read_text(log);
  EXPECT_NE(read_text(log).find("interrupted"), std::string::npos) << read_text(log);
  EXPECT_EQ(read_text(out), previous);
  EXPECT_FALSE(temp_file_exists());
}

TEST_F(Interrupt, CtrlCWhileWritingKeepsThePreviousOutputOrFinishesIt) {
  write_text(out, previous);
  const pid_t pid = start();
  ASSERT_TRUE(wait_for([&] { return temp_file_exists(); })) << read_text(log);
  ::kill(pid, SIGINT);
  const int code = exit_code_of(pid);
  EXPECT_FALSE(temp_file_exists());
  if (code == 130) {
    EXPECT_EQ(read_text(out), previous);
  } else {  // the signal came after the last point a cancel is honoured: the new output is whole
    EXPECT_EQ(code, 0) << read_text(log);
    const auto check = run_command("ogrinfo -q -ro " + out.string() + " network_summary");
    EXPECT_EQ(check.exit_code, 0) << check.err;
  }
}

TEST_F(Interrupt, ATemporaryFileOfAKilledRunIsRemovedByTheNextRun) {
  const pid_t gone = fork();  // a process id that no longer runs
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  const fs::path orphan = dir / (".out.gpkg.tmp-" + std::to_string(gone));
  write_text(orphan, "half a GeoPackage");
  const fs::path live = dir / (".out.gpkg.tmp-" + std::to_string(::getpid()));  // this process: alive
  write_text(live, "another run's file");
  write_layer(dir / "roads.gpkg", "GPKG", "roads", 4547, {{"road_id", "String"}, {"class", "String"}},
              {{"LINESTRING (431680 3893710, 431780 3893710)", {"R1", "branch"}}});
  const auto r = run_command(std::string(crossaxis_exe) + " network -q --speed 36 --roads " +
                             (dir / "roads.gpkg").string() + " -o " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(orphan));
  EXPECT_TRUE(fs::exists(live));
}

}  // namespace
}  // namespace cx::test
