#pragma once

#include <algorithm>
#include <string_view>

namespace cx {

/// Whether the key `a1|a2` sorts before `b1|b2` (bytes compared unsigned, as std::string's <),
/// without making either string: for sorting millions of output rows by a joined key. Most
/// comparisons are settled within the first parts; only a first part that runs on into the
/// other's '|' needs the walk.
inline bool joined_key_less(std::string_view a1, std::string_view a2, std::string_view b1,
                            std::string_view b2) {
  const std::size_t common = std::min(a1.size(), b1.size());
  if (const int c = a1.substr(0, common).compare(b1.substr(0, common)); c != 0) return c < 0;
  if (a1.size() == b1.size()) return a2 < b2;
  const auto at = [](std::string_view first, std::string_view second, std::size_t i) -> int {
    if (i < first.size()) return static_cast<unsigned char>(first[i]);
    if (i == first.size()) return '|';
    i -= first.size() + 1;
    return i < second.size() ? static_cast<unsigned char>(second[i]) : -1;  // -1: ended
  };
  for (std::size_t i = common;; ++i) {
    const int x = at(a1, a2, i);
    const int y = at(b1, b2, i);
    if (x != y) return x < y;
    if (x < 0) return false;  // the same key
  }
}

}  // namespace cx
