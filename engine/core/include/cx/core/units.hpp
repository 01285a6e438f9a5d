#pragma once

namespace cx::units {

/// 1 ha = 10 000 m².
inline constexpr double m2_per_ha = 10000.0;
/// 1 亩 (mu) = 2000/3 m² (1 ha = 15 亩). Always convert from m², never from rounded ha.
inline constexpr double m2_per_mu = 2000.0 / 3.0;

[[nodiscard]] constexpr double m2_to_ha(double area_m2) { return area_m2 / m2_per_ha; }
[[nodiscard]] constexpr double m2_to_mu(double area_m2) { return area_m2 * 3.0 / 2000.0; }

}  // namespace cx::units
