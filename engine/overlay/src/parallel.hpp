#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "cx/core/parallel.hpp"
#include "cx/geom/geos_context.hpp"

namespace cx::overlay::detail {

/// Runs fn(i, ctx) for i in [0, n) on up to `threads` threads (0 = all cores) with
/// cx::parallel_items, each thread with a GEOS context of its own. The contexts are made before
/// the threads start and added to `contexts`, which must outlive whatever fn makes with them
/// (the geometries a step returns). Results keep their order; the first exception, in item
/// order, is rethrown after all threads have finished.
inline void parallel_for(std::size_t n, std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                         unsigned threads,
                         const std::function<void(std::size_t, const geom::GeosContext&)>& fn) {
  threads = static_cast<unsigned>(std::clamp<std::size_t>(n, 1, thread_count(threads)));  // as parallel_items
  std::vector<const geom::GeosContext*> mine;
  for (unsigned t = 0; t < threads; ++t) {
    contexts.push_back(std::make_unique<geom::GeosContext>());
    mine.push_back(contexts.back().get());
  }
  std::atomic<std::size_t> next_context{0};
  parallel_items(
      n, threads, [&] { return mine[next_context++]; },
      [&](const geom::GeosContext* ctx, std::size_t i) { fn(i, *ctx); });
}

}  // namespace cx::overlay::detail
