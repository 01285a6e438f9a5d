#pragma once

#include <cstddef>

namespace cx::report::detail {

/// A change in a corridor's effective mesh size in plain words. "Better connected" only where
/// patches were joined: the mesh also grows when a water link's right-of-way adds corridor land
/// to a patch without joining any, and shrinks when a patch is trimmed without being cut.
inline const char* mesh_change_words(std::size_t patches_before, std::size_t patches_after,
                                     double change_m2) {
  if (patches_after < patches_before) return "patches joined, better connected";
  if (patches_after > patches_before) return "patches cut apart, more fragmented";
  if (change_m2 > 0.0) return "patches enlarged, none joined";
  if (change_m2 < 0.0) return "patches trimmed, none cut apart";
  return "unchanged";
}

}  // namespace cx::report::detail
