#pragma once

#include <functional>
#include <string_view>

namespace cx {

/// Progress reporting with GDAL's semantics: a fraction in [0, 1], an optional message, and a
/// callback that returns false to ask for cancellation. Long operations take a `Progress&` and
/// hand `sub(lo, hi)` ranges to their phases. Copyable and cheap; not thread-safe.
class Progress {
public:
  using Callback = std::function<bool(double fraction, std::string_view message)>;

  /// A progress that reports nothing and never cancels.
  Progress() = default;
  explicit Progress(Callback callback) : m_callback(std::move(callback)) {}

  /// Reports `fraction` of this range. Throws cx::Cancelled when the callback says stop.
  void report(double fraction, std::string_view message = {}) const;

  /// Reports this whole range done. Never throws: a cancel asked for now comes after the work
  /// it would have stopped, and is ignored.
  void finish(std::string_view message = {}) const;

  /// The part [lo, hi] of this range (fractions of this range) as a range of its own.
  [[nodiscard]] Progress sub(double lo, double hi) const;

private:
  Callback m_callback;
  double m_lo = 0.0;
  double m_hi = 1.0;
};

}  // namespace cx
