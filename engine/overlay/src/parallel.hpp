#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "cx/geom/geos_context.hpp"

namespace cx::overlay::detail {

/// Runs fn(i, ctx) for i in [0, n) on up to `threads` threads (0 = all cores), each thread with a
/// GEOS context of its own, added to `contexts` (which must outlive whatever fn makes with it).
/// Items are handed out one at a time, so uneven work balances; fn writes its result to slot i,
/// so results keep their order. The first exception, in item order, is rethrown after all threads
/// have finished.
inline void parallel_for(std::size_t n, std::vector<std::unique_ptr<geom::GeosContext>>& contexts,
                         unsigned threads,
                         const std::function<void(std::size_t, const geom::GeosContext&)>& fn) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  if (n < threads) threads = static_cast<unsigned>(std::max<std::size_t>(1, n));
  std::vector<const geom::GeosContext*> mine;
  for (unsigned t = 0; t < threads; ++t) {
    contexts.push_back(std::make_unique<geom::GeosContext>());
    mine.push_back(contexts.back().get());
  }
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&](const geom::GeosContext& ctx) {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        fn(i, ctx);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, std::cref(*mine[t]));
  work(*mine[0]);
  for (auto& w : workers) w.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace cx::overlay::detail
