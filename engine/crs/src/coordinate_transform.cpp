#include "cx/crs/coordinate_transform.hpp"

#include <limits>
#include <utility>
#include <vector>
#include <mutex>

#include <cpl_error.h>
#include <ogr_spatialref.h>

#include "crs_impl.hpp"
#include "cx/core/error.hpp"

namespace cx::crs {

struct TransformImpl {
  OGRCoordinateTransformation* ct = nullptr;
  ~TransformImpl() { OGRCoordinateTransformation::DestroyCT(ct); }
};

CoordinateTransform::CoordinateTransform(const Crs& source, const Crs& target)
    : m_impl(std::make_unique<TransformImpl>()) {
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  {
    // GDAL reads both definitions (and keeps copies of its own); a Crs may be shared. Both
    // locks are taken together, in an order no other thread can invert.
    auto& a = source.impl().mutex;
    auto& b = target.impl().mutex;
    std::unique_lock<std::recursive_mutex> first(a, std::defer_lock), second(b, std::defer_lock);
    if (&a == &b) {
      first.lock();
    } else {
      std::lock(first, second);
    }
    m_impl->ct = OGRCreateCoordinateTransformation(&source.impl().srs, &target.impl().srs);
  }
  if (m_impl->ct == nullptr) {
    throw InputError("PROJ finds no transformation from " + source.label() + " to " +
                     target.label() + ": " + CPLGetLastErrorMsg());
  }
}

CoordinateTransform::~CoordinateTransform() = default;
CoordinateTransform::CoordinateTransform(CoordinateTransform&&) noexcept = default;
CoordinateTransform& CoordinateTransform::operator=(CoordinateTransform&&) noexcept = default;

bool CoordinateTransform::transform(std::span<double> x, std::span<double> y) const {
  CX_ASSERT(x.size() == y.size());
  CX_ASSERT(x.size() <= static_cast<std::size_t>(std::numeric_limits<int>::max()));
  if (x.empty()) return true;
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  std::vector<int> ok(x.size(), 0);
  const bool all = m_impl->ct->Transform(static_cast<int>(x.size()), x.data(), y.data(), nullptr, ok.data()) != 0;
  if (all) return true;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (ok[i] == 0) {
      x[i] = std::numeric_limits<double>::infinity();
      y[i] = std::numeric_limits<double>::infinity();
    }
  }
  return false;
}

std::optional<Extent> transform_box(const Extent& box, const Crs& from, const Crs& to) {
  if (from.same_as(to)) return box;
  constexpr int per_side = 64;
  std::vector<double> xs, ys;
  for (int i = 0; i < per_side; ++i) {
    const double t = static_cast<double>(i) / per_side;
    const double dx = t * (box.max_x - box.min_x), dy = t * (box.max_y - box.min_y);
    for (const auto& [x, y] : {std::pair{box.min_x + dx, box.min_y}, std::pair{box.max_x, box.min_y + dy},
                               std::pair{box.max_x - dx, box.max_y}, std::pair{box.min_x, box.max_y - dy}}) {
      xs.push_back(x);
      ys.push_back(y);
    }
  }
  try {
    if (!CoordinateTransform(from, to).transform(xs, ys)) return std::nullopt;
  } catch (const InputError&) {
    return std::nullopt;
  }
  Extent out;
  for (std::size_t i = 0; i < xs.size(); ++i) out.add(xs[i], ys[i]);
  const double wx = (out.max_x - out.min_x) / 1000.0, wy = (out.max_y - out.min_y) / 1000.0;
  return Extent{out.min_x - wx, out.min_y - wy, out.max_x + wx, out.max_y + wy};
}

}  // namespace cx::crs
