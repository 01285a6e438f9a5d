#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cx::landuse {

/// The classification systems a land-use code may belong to. The same code means different
/// things in the two (1207 is urban road land in the 2023 guide, bare rock in GB/T 21010).
enum class CodeSystem {
  Ydyh2023,     ///< 国土空间调查、规划、用途管制用地用海分类指南 (自然资发〔2023〕234号)
  Gbt21010_2017, ///< GB/T 21010-2017 土地利用现状分类 (third national land survey, 三调)
  Text          ///< any other classification (e.g. OpenStreetMap's landuse=*): codes kept as text
};

/// A class of the 2023 system: code (2 digits = first level, 4 = second level) and names.
struct LandUseClass {
  std::string_view code;
  std::string_view name_zh;
  std::string_view name_en;
};

/// Parses "ydyh2023" / "2023" / "gbt21010_2017" / "gbt21010" / "sandiao" / "三调" / "text"
/// (case-blind).
[[nodiscard]] std::optional<CodeSystem> parse_code_system(std::string_view text);
[[nodiscard]] std::string_view to_string(CodeSystem system);

/// The first-level class of the 2023 system for a two-digit code, if there is one.
[[nodiscard]] const LandUseClass* first_level_class(std::string_view code2);
/// The second-level class of the 2023 system for a four-digit code, when the built-in table has it.
[[nodiscard]] const LandUseClass* second_level_class(std::string_view code4);

/// True for land already used by roads in the 2023 system: 1207 城镇村道路用地 and 1202 公路用地
/// (GB/T 21010's 1004 and 1003 map onto them). A road laid over such land is not new take.
[[nodiscard]] bool is_road_land(std::string_view code);

/// Maps a GB/T 21010-2017 (三调) code to the 2023 system (e.g. 1004 → 1207, 1003 → 1202,
/// 1101 → 1701, 1006 → 0601). Nothing when the built-in crosswalk has no entry.
[[nodiscard]] std::optional<std::string_view> crosswalk_from_gbt21010(std::string_view code);

}  // namespace cx::landuse
