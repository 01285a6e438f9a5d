#include "cx/core/diagnostics.hpp"

namespace cx {

std::size_t Diagnostics::find_or_add(const Diagnostic& kind) {
  std::string key;
  for (const std::string* part : {&kind.code, &kind.path, &kind.layer, &kind.message, &kind.action}) {
    key += *part;
    key += '\x1f';  // unit separator: appears in none of them
  }
  const auto [at, added] = m_index.try_emplace(std::move(key), m_items.size());
  if (!added) return at->second;
  Diagnostic fresh = kind;
  fresh.feature_ids.clear();
  m_items.push_back(std::move(fresh));
  m_listed.emplace_back();
  return m_items.size() - 1;
}

void Diagnostics::add_id(std::size_t item, long long feature_id) {
  auto& ids = m_items[item].feature_ids;
  Listed& listed = m_listed[item];
  if (ids.empty() || feature_id > listed.largest) {
    ids.push_back(feature_id);
    listed.largest = feature_id;
    if (listed.indexed) listed.ids.insert(feature_id);
    return;
  }
  if (!listed.indexed) {
    listed.ids.insert(ids.begin(), ids.end());
    listed.indexed = true;
  }
  if (listed.ids.insert(feature_id).second) ids.push_back(feature_id);
}

void Diagnostics::record(const Diagnostic& kind, long long feature_id) {
  add_id(find_or_add(kind), feature_id);
}

void Diagnostics::record(const Diagnostic& kind) { (void)find_or_add(kind); }

void Diagnostics::append(const Diagnostics& later) {
  for (const Diagnostic& item : later.m_items) {
    const std::size_t at = find_or_add(item);
    for (const long long id : item.feature_ids) add_id(at, id);
  }
}

std::string Diagnostics::describe(const Diagnostic& d, std::size_t max_ids) {
  std::string out;
  if (!d.path.empty()) out += "file '" + d.path + "'";
  if (!d.layer.empty()) out += (out.empty() ? "" : ", ") + std::string("layer '") + d.layer + "'";
  if (!out.empty()) out += ": ";
  out += d.message;
  if (!d.feature_ids.empty()) {
    out += " (" + std::to_string(d.feature_ids.size()) + " feature" +
           (d.feature_ids.size() == 1 ? "" : "s");
    if (!d.action.empty()) out += ", " + d.action;
    out += "; ids ";
    for (std::size_t i = 0; i < d.feature_ids.size() && i < max_ids; ++i) {
      if (i > 0) out += ", ";
      out += std::to_string(d.feature_ids[i]);
    }
    if (d.feature_ids.size() > max_ids) out += ", ...";
    out += ")";
  } else if (!d.action.empty()) {
    out += " (" + d.action + ")";
  }
  return out;
}

}  // namespace cx
