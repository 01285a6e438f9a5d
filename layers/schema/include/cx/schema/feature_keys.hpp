#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cx/schema/layer_loader.hpp"

namespace cx::schema {

/// The keys a layer's features have used so far, each with the FID of the feature that used it
/// first: to find a key used twice, also across the chunks a large layer is read in. Keys are
/// kept one after the other in one buffer and found through an open-addressing table: a
/// million parcels' ids checked without a node allocated for each.
class KeysSeen {
public:
  /// Records that feature `fid` uses `key`; the FID of the feature that used it before, if one did.
  std::optional<long long> add(std::string_view key, long long fid);

private:
  struct Entry {
    std::size_t hash;
    std::size_t offset;  ///< in m_text
    std::size_t size;
    long long fid;
  };
  [[nodiscard]] std::string_view text_of(const Entry& e) const { return std::string_view(m_text).substr(e.offset, e.size); }
  void place(std::uint32_t entry);
  void grow();

  static constexpr std::uint32_t empty = 0xFFFFFFFFU;
  std::string m_text;
  std::vector<Entry> m_entries;
  std::vector<std::uint32_t> m_slots;  ///< entry numbers; size a power of two, at most half full
};

/// Stable keys for the features of a loaded layer: the value of `id_field` where the layer has
/// one, else "<layer>:<fid>" so keys survive re-runs of the same source. Throws cx::InputError
/// naming both features when two share a key, also with a key of `earlier` (the keys of the
/// chunks of the same layer read before), which then holds this layer's keys too.
[[nodiscard]] std::vector<std::string> feature_keys(const LoadedLayer& layer,
                                                    const std::string& id_field,
                                                    KeysSeen* earlier = nullptr);

}  // namespace cx::schema
