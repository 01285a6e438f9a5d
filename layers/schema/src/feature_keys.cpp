#include "cx/schema/feature_keys.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string_view>

namespace cx::schema {
namespace {

// Finds ids used twice with an open-addressing table of key positions: a million parcels'
// ids checked without a node allocated for each (a std::map took a second at that size).
class FirstUse {
public:
  explicit FirstUse(std::size_t count)
      : m_slots(std::bit_ceil(std::max<std::size_t>(2 * count, 16)), empty), m_hashes(count) {}

  /// Records key `i`; the earlier position holding the same key, if there is one.
  std::optional<std::size_t> add(const std::vector<std::string>& keys, std::size_t i) {
    const std::size_t hash = std::hash<std::string_view>{}(keys[i]);
    m_hashes[i] = hash;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const std::uint32_t seen = m_slots[at];
      if (seen == empty) {
        m_slots[at] = static_cast<std::uint32_t>(i);
        return std::nullopt;
      }
      if (m_hashes[seen] == hash && keys[seen] == keys[i]) return seen;
    }
  }

private:
  static constexpr std::uint32_t empty = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> m_slots;
  std::vector<std::size_t> m_hashes;
};

}  // namespace

std::vector<std::string> feature_keys(const LoadedLayer& layer, const std::string& id_field) {
  std::vector<std::string> keys;
  keys.reserve(layer.features.size());
  FirstUse first_use(layer.features.size());
  for (const auto& f : layer.features) {
    keys.push_back(layer.has(f, id_field) ? layer.text(f, id_field)
                                          : layer.layer_name + ":" + std::to_string(f.fid));
    if (const auto earlier = first_use.add(keys, keys.size() - 1)) {
      throw InputError("duplicate id '" + keys.back() + "' (also used by feature " +
                           std::to_string(layer.features[*earlier].fid) + "); ids must be unique",
                       layer.where(f, id_field));
    }
  }
  return keys;
}

}  // namespace cx::schema
