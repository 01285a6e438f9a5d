#pragma once

#include <string>

namespace cx::report {

/// For two crossaxis outputs (each with a run_metadata table naming the engine), the changes a
/// reviewer asks about first, in plain words and Markdown: the proposals' new land take and its
/// main classes, their overlap with protected zones, the mean travel-time change, the links
/// across each river, and the corridor's effective mesh size — B's figure beside A's. Empty
/// when either file is not a crossaxis output.
[[nodiscard]] std::string diff_in_plain_words(const std::string& path_a, const std::string& path_b);

}  // namespace cx::report
