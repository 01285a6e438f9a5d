#include "cx/crs/crs.hpp"

#include <algorithm>
#include <cctype>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "crs_impl.hpp"
#include "cx/core/error.hpp"

namespace cx::crs {
namespace {

std::string squeeze_lower(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// GCJ-02 ("Mars coordinates") and BD-09 are deliberately obfuscated offsets of WGS 84 used by
// Chinese web maps. PROJ has no definition of them; treating them as WGS 84 shifts data by
// 300-500 m, so they are refused by name.
void refuse_web_map_systems(std::string_view text) {
  const std::string key = squeeze_lower(text);
  for (const char* banned : {"gcj02", "gcj", "bd09", "bd09ll", "bd09mc", "mars"}) {
    if (key == banned || key.rfind(std::string(banned), 0) == 0) {
      throw ConfigError("CRS '" + std::string(text) +
                        "' is a Chinese web-map obfuscated system (GCJ-02/BD-09), which PROJ "
                        "cannot transform exactly; convert the data to WGS 84 (EPSG:4326) or "
                        "CGCS2000 (EPSG:4490) with a dedicated tool first");
    }
  }
}

std::shared_ptr<CrsImpl> make_impl() {
  auto impl = std::make_shared<CrsImpl>();
  impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return impl;
}

}  // namespace

Crs Crs::from_user_input(std::string_view text) {
  refuse_web_map_systems(text);
  auto impl = make_impl();
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  const std::string copy(text);
  if (copy.empty() || impl->srs.SetFromUserInput(copy.c_str()) != OGRERR_NONE) {
    throw ConfigError("cannot understand CRS '" + copy +
                      "': expected an authority code such as 'EPSG:4547', a WKT or a PROJ string");
  }
  impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return Crs(std::move(impl));
}

Crs Crs::from_wkt(const std::string& wkt) {
  refuse_web_map_systems(wkt.substr(0, std::min<std::size_t>(wkt.size(), 64)));
  auto impl = make_impl();
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  if (impl->srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) {
    throw InputError("cannot read the CRS definition: " + wkt.substr(0, 80));
  }
  impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return Crs(std::move(impl));
}

bool Crs::is_projected() const {
  const auto lock = m_impl->lock();
  return m_impl->srs.IsProjected() != 0;
}

bool Crs::is_geographic() const {
  const auto lock = m_impl->lock();
  return m_impl->srs.IsGeographic() != 0;
}

std::string Crs::linear_unit() const {
  const auto lock = m_impl->lock();
  if (m_impl->srs.IsProjected() == 0) return {};
  const char* name = nullptr;
  (void)m_impl->srs.GetLinearUnits(&name);
  return name == nullptr ? std::string() : std::string(name);
}

double Crs::metres_per_unit() const {
  const auto lock = m_impl->lock();
  return m_impl->srs.IsProjected() != 0 ? m_impl->srs.GetLinearUnits() : 1.0;
}

bool Crs::is_projected_in_metres() const {
  const auto lock = m_impl->lock();
  return m_impl->srs.IsProjected() != 0 && m_impl->srs.GetLinearUnits() == 1.0;
}

std::string Crs::name() const {
  const auto lock = m_impl->lock();
  const char* name = m_impl->srs.GetName();
  return name != nullptr ? name : "unnamed CRS";
}

std::optional<int> Crs::epsg_code() const {
  const auto lock = m_impl->lock();
  const char* auth = m_impl->srs.GetAuthorityName(nullptr);
  const char* code = m_impl->srs.GetAuthorityCode(nullptr);
  if (auth != nullptr && code != nullptr && EQUAL(auth, "EPSG")) return std::atoi(code);
  // Datasets often carry a WKT without the top-level ID; ask PROJ to identify it.
  OGRSpatialReference copy(m_impl->srs);
  if (copy.AutoIdentifyEPSG() == OGRERR_NONE) {
    auth = copy.GetAuthorityName(nullptr);
    code = copy.GetAuthorityCode(nullptr);
    if (auth != nullptr && code != nullptr && EQUAL(auth, "EPSG")) return std::atoi(code);
  }
  return std::nullopt;
}

std::string Crs::label() const {
  const auto code = epsg_code();
  return code ? "EPSG:" + std::to_string(*code) : name();
}

std::string Crs::to_wkt() const {
  char* text = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  const auto lock = m_impl->lock();
  m_impl->srs.exportToWkt(&text, options);
  std::string out = text != nullptr ? text : "";
  CPLFree(text);
  return out;
}

std::string Crs::to_wkt1() const {
  char* text = nullptr;
  const auto lock = m_impl->lock();
  m_impl->srs.exportToWkt(&text);  // GDAL's default: WKT1 with its AUTHORITY nodes
  std::string out = text != nullptr ? text : "";
  CPLFree(text);
  return out;
}

std::optional<double> Crs::false_easting() const {
  const auto lock = m_impl->lock();
  if (!is_projected()) return std::nullopt;
  OGRErr err = OGRERR_NONE;
  const double value = m_impl->srs.GetProjParm(SRS_PP_FALSE_EASTING, 0.0, &err);
  if (err != OGRERR_NONE) return std::nullopt;
  return value * m_impl->srs.GetLinearUnits();
}

std::optional<Extent> Crs::area_of_use() const {
  double west = 0, south = 0, east = 0, north = 0;
  const char* area_name = nullptr;
  const auto lock = m_impl->lock();
  if (!m_impl->srs.GetAreaOfUse(&west, &south, &east, &north, &area_name)) return std::nullopt;
  Extent box;
  box.add(west, south);
  box.add(east, north);
  return box;
}

bool Crs::same_as(const Crs& other) const {
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT",
                           nullptr};
  if (m_impl == other.m_impl) return true;
  const std::scoped_lock both(m_impl->mutex, other.m_impl->mutex);
  return m_impl->srs.IsSame(&other.m_impl->srs, options) != 0;
}

}  // namespace cx::crs
