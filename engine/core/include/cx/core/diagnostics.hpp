#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cx {

enum class Severity { Info, Warning, Error };

/// One kind of per-feature finding in one layer, with every feature it applies to.
/// Repeats are counted in `feature_ids`, not recorded a thousand times.
struct Diagnostic {
  std::string code;     ///< stable code, e.g. `geom.invalid`, `geom.empty`, `zone.unsnapped`
  Severity severity = Severity::Warning;
  std::string path;     ///< dataset the features come from
  std::string layer;    ///< layer name
  std::string message;  ///< what was found
  std::string action;   ///< what the engine did: `repaired`, `skipped`, `flagged`
  std::vector<long long> feature_ids;  ///< source FIDs, in the order they were met
};

/// Collects findings during a run, in the order they were first seen (deterministic).
/// Not thread-safe: each worker keeps its own and merges in key order.
class Diagnostics {
public:
  /// Records `feature_id` under the diagnostic with the same code, path, layer, message and
  /// action, creating it if needed.
  void record(const Diagnostic& kind, long long feature_id);
  /// Records a finding not tied to a feature.
  void record(const Diagnostic& kind);
  /// Records everything `later` holds, as if it had been recorded here after what is here
  /// (how workers' findings join in key order).
  void append(const Diagnostics& later);

  [[nodiscard]] const std::vector<Diagnostic>& items() const noexcept { return m_items; }
  [[nodiscard]] bool empty() const noexcept { return m_items.empty(); }

  /// One readable line: "file 'a.gpkg', layer 'roads': 3 features repaired (invalid geometry):
  /// ids 4, 9, 12".
  [[nodiscard]] static std::string describe(const Diagnostic& d, std::size_t max_ids = 10);

private:
  std::size_t find_or_add(const Diagnostic& kind);
  void add_id(std::size_t item, long long feature_id);
  std::vector<Diagnostic> m_items;
  /// What keeps a feature met twice for one finding (one line crossing two rivers, one road in
  /// both the baseline and the scenario network) listed once. Findings mostly come in FID
  /// order, so an id above the largest listed is new; only an item that meets a smaller one
  /// builds a set of its ids (a city's million repaired parcels need none).
  struct Listed {
    long long largest = 0;
    bool indexed = false;
    std::unordered_set<long long> ids;
  };
  std::vector<Listed> m_listed;
  /// Position in m_items by code, path, layer, message and action: findings with values in
  /// their messages (one per bad value) must not make recording quadratic.
  std::unordered_map<std::string, std::size_t> m_index;
};

}  // namespace cx
