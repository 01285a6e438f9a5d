#pragma once

#include <cstddef>

namespace cx::report::detail {

/// A change in a corridor's effective mesh size in plain words, from the patch counts and the
/// mesh together. "Better connected" only where patches are fewer and the mesh larger: fewer
/// patches with a smaller mesh is a patch lost under a right-of-way, not a join, and the mesh
/// also grows where a water link's right-of-way adds corridor land to a patch. Equal counts can
/// hide a join and a cut together, so they are read by the mesh alone.
inline const char* mesh_change_words(std::size_t patches_before, std::size_t patches_after,
                                     double change_m2) {
  if (patches_after < patches_before) {
    return change_m2 > 0.0 ? "patches joined, better connected" : "patches lost under rights-of-way, smaller mesh";
  }
  if (patches_after > patches_before) {
    return change_m2 < 0.0 ? "patches cut apart, more fragmented" : "patches cut apart, larger mesh";
  }
  if (change_m2 > 0.0) return "as many patches, larger mesh";
  if (change_m2 < 0.0) return "as many patches, smaller mesh";
  return "unchanged";
}

}  // namespace cx::report::detail
