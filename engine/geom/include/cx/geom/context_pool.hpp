#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "cx/geom/geos_context.hpp"

namespace cx::geom {

/// GEOS contexts for the threads of one parallel step, made before the threads start, so that
/// what a worker makes with its context can outlive the worker (until it is handed over with
/// Geometry::adopt_into, or for as long as the pool lives).
class ContextPool {
public:
  /// One context for each of `threads` workers (0 = one per core).
  explicit ContextPool(unsigned threads = 0);

  /// A context no other caller has been given. Thread-safe; at most size() calls.
  [[nodiscard]] const GeosContext& take();
  [[nodiscard]] unsigned size() const noexcept { return static_cast<unsigned>(m_contexts.size()); }

private:
  std::vector<std::unique_ptr<GeosContext>> m_contexts;
  std::atomic<std::size_t> m_next{0};
};

}  // namespace cx::geom
