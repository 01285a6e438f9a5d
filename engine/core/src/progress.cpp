#include "cx/core/progress.hpp"

#include <algorithm>

#include "cx/core/error.hpp"

namespace cx {

void Progress::report(double fraction, std::string_view message) const {
  if (!m_callback) return;
  const double clamped = std::clamp(fraction, 0.0, 1.0);
  if (!m_callback(m_lo + (m_hi - m_lo) * clamped, message)) {
    throw Cancelled("cancelled by the user");
  }
}

void Progress::finish(std::string_view message) const {
  if (m_callback) (void)m_callback(m_hi, message);
}

Progress Progress::sub(double lo, double hi) const {
  Progress out = *this;
  out.m_lo = m_lo + (m_hi - m_lo) * lo;
  out.m_hi = m_lo + (m_hi - m_lo) * hi;
  return out;
}

}  // namespace cx
