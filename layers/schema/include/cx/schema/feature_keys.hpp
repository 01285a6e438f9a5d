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
  /// A key used again: its position in the keys added, and the FID of the feature that used it first.
  struct Repeat {
    std::size_t index = 0;
    long long first_fid = 0;
  };

  /// Records that feature fids[i] uses keys[i], in order, up to the first key used before
  /// (by these features or earlier ones), which it reports.
  std::optional<Repeat> add(const std::vector<std::string>& keys, const std::vector<long long>& fids);

private:
  struct Entry {
    std::size_t offset;  ///< in m_text
    std::size_t size;
    long long fid;
  };
  [[nodiscard]] std::string_view text_of(const Entry& e) const { return std::string_view(m_text).substr(e.offset, e.size); }
  std::optional<long long> add_one(std::string_view key, std::size_t hash, long long fid);
  void reserve(std::size_t more);

  // A slot holds an entry number (low 32 bits) and the top 32 bits of its key's hash, so that a
  // probe reads the entry only when the hash matches.
  static constexpr std::uint64_t empty = ~std::uint64_t{0};
  std::string m_text;
  std::vector<Entry> m_entries;
  std::vector<std::uint64_t> m_slots;  ///< size a power of two, at most half full
};

/// Stable keys for the features of a loaded layer: the value of `id_field` where the layer has
/// one, else "<layer>:<fid>" so keys survive re-runs of the same source. Throws cx::InputError
/// naming both features when two share a key, also with a key of `earlier` (the keys of the
/// chunks of the same layer read before), which then holds this layer's keys too.
[[nodiscard]] std::vector<std::string> feature_keys(const LoadedLayer& layer,
                                                    const std::string& id_field,
                                                    KeysSeen* earlier = nullptr);

}  // namespace cx::schema
