#include "cx/schema/feature_keys.hpp"

#include <algorithm>
#include <functional>

namespace cx::schema {

std::optional<long long> KeysSeen::add(std::string_view key, long long fid) {
  if (2 * (m_entries.size() + 1) > m_slots.size()) grow();
  const std::size_t hash = std::hash<std::string_view>{}(key);
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint32_t seen = m_slots[at];
    if (seen == empty) {
      m_slots[at] = static_cast<std::uint32_t>(m_entries.size());
      m_entries.push_back(Entry{hash, m_text.size(), key.size(), fid});
      m_text.append(key);
      return std::nullopt;
    }
    if (m_entries[seen].hash == hash && text_of(m_entries[seen]) == key) return m_entries[seen].fid;
  }
}

void KeysSeen::place(std::uint32_t entry) {
  const std::size_t mask = m_slots.size() - 1;
  std::size_t at = m_entries[entry].hash & mask;
  while (m_slots[at] != empty) at = (at + 1) & mask;
  m_slots[at] = entry;
}

void KeysSeen::grow() {
  m_slots.assign(std::max<std::size_t>(16, 2 * m_slots.size()), empty);
  for (std::uint32_t e = 0; e < m_entries.size(); ++e) place(e);
}

std::vector<std::string> feature_keys(const LoadedLayer& layer, const std::string& id_field,
                                      KeysSeen* earlier) {
  KeysSeen own;
  KeysSeen& seen = earlier != nullptr ? *earlier : own;
  std::vector<std::string> keys;
  keys.reserve(layer.features.size());
  for (const auto& f : layer.features) {
    keys.push_back(layer.has(f, id_field) ? layer.text(f, id_field)
                                          : layer.layer_name + ":" + std::to_string(f.fid));
    if (const auto first = seen.add(keys.back(), f.fid)) {
      throw InputError("duplicate id '" + keys.back() + "' (also used by feature " +
                           std::to_string(*first) + "); ids must be unique",
                       layer.where(f, id_field));
    }
  }
  return keys;
}

}  // namespace cx::schema
