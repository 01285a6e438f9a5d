#include "cx/output/output_files.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

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

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  const ErrorContext where{.path = path.string()};
  const auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  const MadeDirectories made(dir, path);
  // Hidden and unique per process, beside the target so that the rename is atomic.
  const auto temp = dir / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
  std::error_code ec;
  const auto give_up = [&](const std::string& why) {
    std::filesystem::remove(temp, ec);
    made.remove_if_empty();
    throw IoError(why, where);
  };
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) give_up("cannot create the file");
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();  // some failures only show here
    if (!out) give_up("cannot write the file (disk full?)");
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) give_up("cannot move the finished file into place: " + ec.message());
}

}  // namespace cx::output
