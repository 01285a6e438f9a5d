#include "cx/schema/feature_keys.hpp"

#include <map>

namespace cx::schema {

std::vector<std::string> feature_keys(const LoadedLayer& layer, const std::string& id_field) {
  std::vector<std::string> keys;
  keys.reserve(layer.features.size());
  std::map<std::string, long long> seen;
  for (const auto& f : layer.features) {
    std::string key = layer.has(f, id_field)
                          ? layer.text(f, id_field)
                          : layer.layer_name + ":" + std::to_string(f.fid);
    const auto [it, inserted] = seen.emplace(key, f.fid);
    if (!inserted) {
      throw InputError("duplicate id '" + key + "' (also used by feature " +
                           std::to_string(it->second) + "); ids must be unique",
                       layer.where(f, id_field));
    }
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace cx::schema
