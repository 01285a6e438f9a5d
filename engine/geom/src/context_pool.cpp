#include "cx/geom/context_pool.hpp"

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"

namespace cx::geom {

ContextPool::ContextPool(unsigned threads) {
  threads = thread_count(threads);
  for (unsigned t = 0; t < threads; ++t) m_contexts.push_back(std::make_unique<GeosContext>());
}

const GeosContext& ContextPool::take() {
  const std::size_t i = m_next++;
  CX_ASSERT(i < m_contexts.size());
  return *m_contexts[i];
}

}  // namespace cx::geom
