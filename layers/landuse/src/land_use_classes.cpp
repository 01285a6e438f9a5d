#include "cx/landuse/land_use_classes.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace cx::landuse {
namespace {

// First level of 《国土空间调查、规划、用途管制用地用海分类指南》(自然资发〔2023〕234号).
// To confirm against the official text before freezing (see DOMAIN.md).
constexpr std::array<LandUseClass, 24> first_level{{
    {"01", "耕地", "Cultivated land"},
    {"02", "园地", "Garden land"},
    {"03", "林地", "Forest land"},
    {"04", "草地", "Grassland"},
    {"05", "湿地", "Wetland"},
    {"06", "农业设施建设用地", "Agricultural facility land"},
    {"07", "居住用地", "Residential land"},
    {"08", "公共管理与公共服务用地", "Public administration and services"},
    {"09", "商业服务业用地", "Commercial and business services"},
    {"10", "工矿用地", "Industrial and mining land"},
    {"11", "仓储用地", "Warehousing land"},
    {"12", "交通运输用地", "Transport land"},
    {"13", "公用设施用地", "Public utilities"},
    {"14", "绿地与开敞空间用地", "Green and open space"},
    {"15", "特殊用地", "Special-use land"},
    {"16", "留白用地", "Reserved land"},
    {"17", "陆地水域", "Inland water"},
    {"18", "渔业用海", "Fishery sea use"},
    {"19", "工矿通信用海", "Industrial and communication sea use"},
    {"20", "交通运输用海", "Transport sea use"},
    {"21", "游憩用海", "Recreational sea use"},
    {"22", "特殊用海", "Special sea use"},
    {"23", "其他土地", "Other land"},
    {"24", "其他海域", "Other sea area"},
}};

// Second level, the inland classes planners meet most. Codes not listed still load: their
// first level decides the summary class and the parcel's own name is kept.
constexpr std::array<LandUseClass, 56> second_level{{
    {"0101", "水田", "Paddy field"},
    {"0102", "水浇地", "Irrigated land"},
    {"0103", "旱地", "Dry land"},
    {"0201", "果园", "Orchard"},
    {"0202", "茶园", "Tea garden"},
    {"0204", "其他园地", "Other garden land"},
    {"0301", "乔木林地", "Arbor forest"},
    {"0302", "竹林地", "Bamboo forest"},
    {"0303", "灌木林地", "Shrub forest"},
    {"0304", "其他林地", "Other forest land"},
    {"0401", "天然牧草地", "Natural pasture"},
    {"0402", "人工牧草地", "Artificial pasture"},
    {"0403", "其他草地", "Other grassland"},
    {"0601", "种植设施建设用地", "Cultivation facility land"},
    {"0602", "畜禽养殖设施建设用地", "Livestock facility land"},
    {"0603", "水产养殖设施建设用地", "Aquaculture facility land"},
    {"0701", "城镇住宅用地", "Urban housing"},
    {"0702", "城镇社区服务设施用地", "Urban community services"},
    {"0703", "农村宅基地", "Rural homesteads"},
    {"0704", "农村社区服务设施用地", "Rural community services"},
    {"0801", "机关团体用地", "Government and organisations"},
    {"0802", "科研用地", "Research"},
    {"0803", "文化用地", "Culture"},
    {"0804", "教育用地", "Education"},
    {"0805", "体育用地", "Sports"},
    {"0806", "医疗卫生用地", "Health care"},
    {"0807", "社会福利用地", "Social welfare"},
    {"0901", "商业用地", "Commerce"},
    {"0902", "商务金融用地", "Business and finance"},
    {"0903", "娱乐用地", "Entertainment"},
    {"1001", "工业用地", "Industry"},
    {"1002", "采矿用地", "Mining"},
    {"1101", "物流仓储用地", "Logistics and warehousing"},
    {"1102", "储备库用地", "Strategic reserves"},
    {"1201", "铁路用地", "Railway"},
    {"1202", "公路用地", "Highway"},
    {"1207", "城镇村道路用地", "Urban and village roads"},
    {"1208", "交通场站用地", "Transport stations"},
    {"1301", "供水用地", "Water supply"},
    {"1302", "排水用地", "Drainage"},
    {"1303", "供电用地", "Power supply"},
    {"1401", "公园绿地", "Parks"},
    {"1402", "防护绿地", "Protective green"},
    {"1403", "广场用地", "Squares"},
    {"1701", "河流水面", "River water"},
    {"1702", "湖泊水面", "Lake water"},
    {"1703", "水库水面", "Reservoir water"},
    {"1704", "坑塘水面", "Ponds"},
    {"1705", "沟渠", "Ditches and canals"},
    {"2301", "空闲地", "Vacant land"},
    {"2302", "田坎", "Field ridges"},
    {"2303", "田间道", "Farm tracks"},
    {"2304", "盐碱地", "Saline land"},
    {"2305", "沙地", "Sandy land"},
    {"2306", "裸土地", "Bare soil"},
    {"2307", "裸岩石砾地", "Bare rock"},
}};

// GB/T 21010-2017 → 2023 guide, for codes whose meaning carries over one to one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> gbt21010_to_2023{{
    {"0101", "0101"}, {"0102", "0102"}, {"0103", "0103"}, {"0201", "0201"}, {"0202", "0202"},
    {"0204", "0204"}, {"0301", "0301"}, {"0302", "0302"}, {"0305", "0303"}, {"0307", "0304"},
    {"0701", "0701"}, {"0702", "0703"}, {"0601", "1001"}, {"0602", "1002"}, {"0508", "1101"},
    {"1001", "1201"}, {"1003", "1202"}, {"1004", "1207"}, {"1006", "0601"}, {"1101", "1701"},
    {"1102", "1702"}, {"1103", "1703"}, {"1104", "1704"}, {"1107", "1705"},
}};

template <std::size_t N>
const LandUseClass* find_class(const std::array<LandUseClass, N>& table, std::string_view code) {
  const auto it = std::find_if(table.begin(), table.end(),
                               [code](const LandUseClass& c) { return c.code == code; });
  return it != table.end() ? &*it : nullptr;
}

}  // namespace

std::optional<CodeSystem> parse_code_system(std::string_view text) {
  std::string key;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80) {
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (key.empty() || key == "ydyh2023" || key == "2023") return CodeSystem::Ydyh2023;
  if (key == "gbt210102017" || key == "gbt21010" || key == "sandiao" || key == "三调") {
    return CodeSystem::Gbt21010_2017;
  }
  if (key == "text") return CodeSystem::Text;
  return std::nullopt;
}

std::string_view to_string(CodeSystem system) {
  switch (system) {
    case CodeSystem::Ydyh2023: return "ydyh2023";
    case CodeSystem::Gbt21010_2017: return "gbt21010_2017";
    case CodeSystem::Text: return "text";
  }
  return "unknown";
}

const LandUseClass* first_level_class(std::string_view code2) {
  return find_class(first_level, code2);
}

const LandUseClass* second_level_class(std::string_view code4) {
  return find_class(second_level, code4);
}

bool is_road_land(std::string_view code) {
  const std::string_view code4 = code.substr(0, 4);
  return code4 == "1207" || code4 == "1202";
}

std::optional<std::string_view> crosswalk_from_gbt21010(std::string_view code) {
  for (const auto& [from, to] : gbt21010_to_2023) {
    if (from == code) return to;
  }
  return std::nullopt;
}

}  // namespace cx::landuse
