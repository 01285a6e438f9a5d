#include "cx/index/box_index.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace cx::index {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BgPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BgBox = bg::model::box<BgPoint>;
using Entry = std::pair<BgBox, std::size_t>;

struct BoxIndexImpl {
  bgi::rtree<Entry, bgi::rstar<16>> tree;
};

namespace {
BgBox to_box(const Extent& e) { return {BgPoint(e.min_x, e.min_y), BgPoint(e.max_x, e.max_y)}; }
}  // namespace

BoxIndex::BoxIndex(const std::vector<Extent>& boxes) : m_impl(std::make_unique<BoxIndexImpl>()) {
  std::vector<Entry> entries;
  entries.reserve(boxes.size());
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    if (!boxes[i].empty()) entries.emplace_back(to_box(boxes[i]), i);
  }
  // The range constructor uses packing (STR-like bulk load): faster to build and to query.
  m_impl->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());
}

BoxIndex::~BoxIndex() = default;
BoxIndex::BoxIndex(BoxIndex&&) noexcept = default;
BoxIndex& BoxIndex::operator=(BoxIndex&&) noexcept = default;

std::vector<std::size_t> BoxIndex::query(const Extent& box) const {
  std::vector<std::size_t> out;
  if (box.empty()) return out;
  std::vector<Entry> hits;
  m_impl->tree.query(bgi::intersects(to_box(box)), std::back_inserter(hits));
  out.reserve(hits.size());
  for (const auto& hit : hits) out.push_back(hit.second);
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t BoxIndex::size() const { return m_impl->tree.size(); }

}  // namespace cx::index
