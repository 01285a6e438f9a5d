#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "cx/core/extent.hpp"

namespace cx::index {

struct BoxIndexImpl;

/// A static R-tree (Boost.Geometry, packed with the R* bulk-load) over the boxes of a list of
/// items, answering "which items may touch this box". Results are item positions in ascending
/// order, so every caller works in a stable order. Immutable after construction; safe to query
/// from several threads.
class BoxIndex {
public:
  /// Indexes `boxes[i]` as item i; empty boxes are left out.
  explicit BoxIndex(const std::vector<Extent>& boxes);
  ~BoxIndex();
  BoxIndex(BoxIndex&&) noexcept;
  BoxIndex& operator=(BoxIndex&&) noexcept;

  /// Positions of the items whose box intersects `box` (touching counts), ascending.
  [[nodiscard]] std::vector<std::size_t> query(const Extent& box) const;
  [[nodiscard]] std::size_t size() const;

private:
  std::unique_ptr<BoxIndexImpl> m_impl;
};

}  // namespace cx::index
