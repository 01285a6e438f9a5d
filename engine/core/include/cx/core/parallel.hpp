#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace cx {

/// `threads`, or every core for 0. The cores are counted once: each
/// std::thread::hardware_concurrency() call reads sysfs (tens of microseconds), which a loop of
/// small parallel calls would pay every time (validation converts features one at a time).
inline unsigned thread_count(unsigned threads) {
  static const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  return threads == 0 ? cores : threads;
}

/// Runs fn(worker, i) for every item i in [0, n) on up to `threads` threads (0 = all cores).
/// Each thread first makes its own worker state with make_worker() (a search with its arrays,
/// say), then takes items one at a time, so uneven items balance. fn must write only what item i
/// owns, so the results do not depend on the thread count. The first exception, in item order,
/// is rethrown after every thread has finished.
template <typename MakeWorker, typename Fn>
void parallel_items(std::size_t n, unsigned threads, const MakeWorker& make_worker, const Fn& fn) {
  threads = static_cast<unsigned>(std::clamp<std::size_t>(n, 1, thread_count(threads)));
  std::vector<std::exception_ptr> errors(n);
  std::exception_ptr setup_error;
  std::mutex setup_mutex;
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    try {
      auto worker = make_worker();
      for (std::size_t i = next++; i < n; i = next++) {
        try {
          fn(worker, i);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      }
    } catch (...) {  // the worker could not be made (out of memory)
      const std::lock_guard lock(setup_mutex);
      if (!setup_error) setup_error = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  if (setup_error) std::rethrow_exception(setup_error);
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

/// Runs fn(i) for every i in [0, n) on up to `threads` threads, taking runs of consecutive
/// items: for many small items (a city's parcels), which one at a time would spend more on
/// the shared counter than on themselves. fn must write only what item i owns.
template <typename Fn>
void parallel_runs(std::size_t n, unsigned threads, const Fn& fn) {
  constexpr std::size_t run = 4096;
  parallel_items((n + run - 1) / run, threads, [] { return 0; }, [&](int, std::size_t r) {
    for (std::size_t i = r * run; i < std::min(n, (r + 1) * run); ++i) fn(i);
  });
}

}  // namespace cx
