#include "cx/core/keep_until_exit.hpp"

#include <mutex>
#include <vector>

namespace cx {

void keep_until_exit(std::shared_ptr<const void> object) {
  static std::mutex mutex;
  // Never deleted, on purpose: its destructor would free what it keeps.
  static auto* kept = new std::vector<std::shared_ptr<const void>>;
  const std::lock_guard lock(mutex);
  kept->push_back(std::move(object));
}

}  // namespace cx
