#include "cx/schema/feature_keys.hpp"

#include <algorithm>
#include <functional>

namespace cx::schema {

namespace {

std::uint64_t slot_of(std::size_t hash, std::size_t entry) {
  return (static_cast<std::uint64_t>(hash) & 0xFFFFFFFF00000000ULL) | entry;
}

}  // namespace

std::optional<KeysSeen::Repeat> KeysSeen::add(const std::vector<std::string>& keys,
                                              const std::vector<long long>& fids) {
  reserve(keys.size());
  std::vector<std::size_t> hashes(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) hashes[i] = std::hash<std::string_view>{}(keys[i]);
  // A million keys make a table far larger than the caches: each key's slot is asked for a
  // few keys ahead, so the memory fetches overlap instead of coming one after another.
  constexpr std::size_t ahead = 8;
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = 0; i < keys.size(); ++i) {
#if defined(__GNUC__)
    if (i + ahead < keys.size()) __builtin_prefetch(&m_slots[hashes[i + ahead] & mask]);
#endif
    if (const auto first = add_one(keys[i], hashes[i], fids[i])) return Repeat{i, *first};
  }
  return std::nullopt;
}

std::optional<long long> KeysSeen::add_one(std::string_view key, std::size_t hash, long long fid) {
  const std::size_t mask = m_slots.size() - 1;
  const std::uint64_t tag = slot_of(hash, 0);
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = m_slots[at];
    if (slot == empty) {
      m_slots[at] = slot_of(hash, m_entries.size());
      m_entries.push_back(Entry{m_text.size(), key.size(), fid});
      m_text.append(key);
      return std::nullopt;
    }
    const Entry& seen = m_entries[slot & 0xFFFFFFFFULL];
    if ((slot & ~std::uint64_t{0xFFFFFFFF}) == tag && text_of(seen) == key) return seen.fid;
  }
}

void KeysSeen::reserve(std::size_t more) {
  const std::size_t needed = 2 * (m_entries.size() + more);
  if (needed <= m_slots.size()) return;
  std::size_t size = std::max<std::size_t>(16, m_slots.size());
  while (size < needed) size *= 2;
  m_slots.assign(size, empty);
  const std::size_t mask = size - 1;
  for (std::size_t e = 0; e < m_entries.size(); ++e) {
    const std::size_t hash = std::hash<std::string_view>{}(text_of(m_entries[e]));
    std::size_t at = hash & mask;
    while (m_slots[at] != empty) at = (at + 1) & mask;
    m_slots[at] = slot_of(hash, e);
  }
  // Geometric growth: a layer read in many chunks is not copied once per chunk.
  m_entries.reserve(std::max(m_entries.size() + more, 2 * m_entries.capacity()));
}

std::vector<std::string> feature_keys(const LoadedLayer& layer, const std::string& id_field,
                                      KeysSeen* earlier) {
  KeysSeen own;
  KeysSeen& seen = earlier != nullptr ? *earlier : own;
  std::vector<std::string> keys;
  std::vector<long long> fids;
  keys.reserve(layer.features.size());
  fids.reserve(layer.features.size());
  for (const auto& f : layer.features) {
    keys.push_back(layer.has(f, id_field) ? layer.text(f, id_field)
                                          : layer.layer_name + ":" + std::to_string(f.fid));
    fids.push_back(f.fid);
  }
  if (const auto repeat = seen.add(keys, fids)) {
    const auto& f = layer.features[repeat->index];
    throw InputError("duplicate id '" + keys[repeat->index] + "' (also used by feature " +
                         std::to_string(repeat->first_fid) + "); ids must be unique",
                     layer.where(f, id_field));
  }
  return keys;
}

}  // namespace cx::schema
