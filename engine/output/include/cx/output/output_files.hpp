#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace cx::output {

/// The directories a run made for an output that did not exist before it. A failed run takes
/// them away again, so that it leaves nothing behind, not even an empty folder; directories
/// that were there before the run are never touched.
class MadeDirectories {
public:
  /// Creates `dir` and whichever of its parents are missing. Throws cx::IoError naming
  /// `target` (the output the directory is for) when it cannot.
  MadeDirectories(const std::filesystem::path& dir, const std::filesystem::path& target);

  /// Removes the directories made, deepest first, each only if it is empty (another process
  /// may have put something there meanwhile). Never throws.
  void remove_if_empty() const noexcept;

  /// The directories made, outermost first.
  [[nodiscard]] const std::vector<std::filesystem::path>& made() const noexcept { return m_made; }

private:
  std::vector<std::filesystem::path> m_made;
};

/// The directory an output file goes in ("." for a bare file name).
[[nodiscard]] std::filesystem::path directory_of(const std::filesystem::path& target);

/// Where an output named `target` is written: `target` itself, or, where it is a symbolic link,
/// the file the link points to (followed link by link), so that the link keeps pointing to the
/// new output instead of being replaced by a file of its own.
[[nodiscard]] std::filesystem::path through_links(std::filesystem::path target);

/// The temporary file an output is written to before it is renamed over `target`: hidden,
/// beside it (the same file system, so the rename is atomic), named for this process
/// (".NAME.tmp-PID"), and not there yet. A run killed outright (SIGKILL, power loss) cannot
/// remove its temporary file, so those of processes that are gone are removed here first; a
/// live run's file is left alone.
[[nodiscard]] std::filesystem::path temporary_path_for(const std::filesystem::path& target);

/// Makes a finished file durable (fsync) before it is renamed over its target, so that a crash
/// never leaves a target naming an incompletely written file. Throws cx::IoError naming it.
void flush_to_disk(const std::filesystem::path& path);

/// Writes `text` to `path` through a temporary file beside it, flushed to disk, then moves it
/// into place: a failure leaves neither a partial file nor the temporary one, and any old file
/// as it was.
/// Creates the directory if missing (and removes it again on failure). Throws cx::IoError
/// naming the file.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace cx::output
