#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace cx {

/// An integer id that cannot be mixed up with another kind of id or a plain count.
/// `Tag` only distinguishes the kinds; `invalid()` is the named "no id" sentinel.
template <typename Tag, typename Rep = std::uint32_t>
class StrongId {
public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep value) : m_value(value) {}

  [[nodiscard]] static constexpr StrongId invalid() { return StrongId(); }
  [[nodiscard]] constexpr bool valid() const { return m_value != invalid_value; }
  [[nodiscard]] constexpr Rep value() const { return m_value; }
  friend constexpr auto operator<=>(StrongId, StrongId) = default;

private:
  static constexpr Rep invalid_value = std::numeric_limits<Rep>::max();
  Rep m_value = invalid_value;
};

}  // namespace cx
