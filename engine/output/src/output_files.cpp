#include "cx/output/output_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "cx/core/error.hpp"

namespace cx::output {

MadeDirectories::MadeDirectories(const std::filesystem::path& dir, const std::filesystem::path& target) {
  // One level at a time from the top, so that exactly the directories made here are recorded
  // (a path such as "new/../old" makes "new" and meets "old", which may have been there).
  std::filesystem::path prefix;
  for (const auto& part : dir) {
    prefix /= part;
    std::error_code ec;
    if (std::filesystem::create_directory(prefix, ec)) {
      m_made.push_back(prefix);
    } else if (ec) {
      remove_if_empty();
      throw IoError("cannot create the output directory " + prefix.string() + ": " + ec.message(),
                    ErrorContext{.path = target.string()});
    }
  }
}

void MadeDirectories::remove_if_empty() const noexcept {
  for (auto d = m_made.rbegin(); d != m_made.rend(); ++d) {
    std::error_code ec;
    if (!std::filesystem::exists(*d, ec)) continue;  // removed already
    if (!std::filesystem::is_empty(*d, ec) || ec) return;  // kept, and so are its parents
    std::filesystem::remove(*d, ec);
  }
}

namespace {

// Temporary files ".NAME.tmp-PID" in `dir` whose process is gone.
void remove_orphaned_temps(const std::filesystem::path& dir, const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const long pid = std::strtol(digits.c_str(), nullptr, 10);
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
}

}  // namespace

std::filesystem::path directory_of(const std::filesystem::path& target) {
  return target.parent_path().empty() ? std::filesystem::path(".") : target.parent_path();
}

std::filesystem::path temporary_path_for(const std::filesystem::path& target) {
  const auto dir = directory_of(target);
  const std::string prefix = fmt::format(".{}.tmp-", target.filename().string());
  remove_orphaned_temps(dir, prefix);
  auto temp = dir / fmt::format("{}{}", prefix, ::getpid());
  std::error_code ec;
  std::filesystem::remove(temp, ec);
  return temp;
}

void flush_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    throw IoError("cannot flush the file to disk: " + std::generic_category().message(error),
                  ErrorContext{.path = path.string()});
  }
}

std::filesystem::path through_links(std::filesystem::path target) {
  // A bounded walk: a loop of links is left to the write to report (ELOOP).
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(target, ec)) return target;
    const auto next = std::filesystem::read_symlink(target, ec);
    if (ec) return target;
    target = next.is_absolute() ? next : target.parent_path() / next;
  }
  return target;
}

void write_text_file(const std::filesystem::path& link_or_path, std::string_view text) {
  const std::filesystem::path path = through_links(link_or_path);
  const ErrorContext where{.path = path.string()};
  const MadeDirectories made(directory_of(path), path);
  std::filesystem::path temp;
  try {
    temp = temporary_path_for(path);
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) throw IoError("cannot create the file", where);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      out.close();  // some failures only show here
      if (!out) throw IoError("cannot write the file (disk full?)", where);
    }
    flush_to_disk(temp);
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) throw IoError("cannot move the finished file into place: " + ec.message(), where);
  } catch (...) {
    std::error_code ec;
    if (!temp.empty()) std::filesystem::remove(temp, ec);
    made.remove_if_empty();
    throw;
  }
}

}  // namespace cx::output
