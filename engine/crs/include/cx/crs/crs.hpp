#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cx/core/extent.hpp"

namespace cx::crs {

struct CrsImpl;

/// A coordinate reference system, always with traditional GIS axis order (x = easting or
/// longitude, y = northing or latitude), whatever the EPSG definition says. Immutable and cheap
/// to copy; safe to share between threads for reading.
class Crs {
public:
  /// Parses user input: "EPSG:4547", a WKT string, or a PROJ string. Refuses the Chinese
  /// web-map systems GCJ-02 and BD-09 (not transformable by PROJ). Throws cx::ConfigError.
  static Crs from_user_input(std::string_view text);
  /// Builds from the WKT a dataset reports. Throws cx::InputError when GDAL cannot read it.
  static Crs from_wkt(const std::string& wkt);

  [[nodiscard]] bool is_projected() const;
  [[nodiscard]] bool is_geographic() const;
  /// The name of a projected CRS's linear unit ("metre", "US survey foot", ...); empty otherwise.
  [[nodiscard]] std::string linear_unit() const;
  /// Projected with coordinates in metres: what every area and length the engine reports
  /// assumes (m, m², ha and 亩 are worked out from coordinates as they are).
  [[nodiscard]] bool is_projected_in_metres() const;
  /// Metres per unit of a projected CRS's coordinates (0.3048 for feet); 1 otherwise.
  [[nodiscard]] double metres_per_unit() const;
  /// Short name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E".
  [[nodiscard]] std::string name() const;
  /// "EPSG:4547" when the CRS is identified by an authority code, else the name.
  [[nodiscard]] std::string label() const;
  [[nodiscard]] std::optional<int> epsg_code() const;
  /// WKT2 (2019) text.
  [[nodiscard]] std::string to_wkt() const;
  /// WKT1 as GDAL writes it: what GeoPackage 1.2 expects in gpkg_spatial_ref_sys.definition.
  [[nodiscard]] std::string to_wkt1() const;
  /// The false easting in metres of a projected CRS that has one.
  [[nodiscard]] std::optional<double> false_easting() const;
  /// Area of use as a lon/lat box in degrees (west, south, east, north), when known.
  [[nodiscard]] std::optional<Extent> area_of_use() const;
  /// True when both describe the same CRS (ignoring metadata such as names).
  [[nodiscard]] bool same_as(const Crs& other) const;

  [[nodiscard]] const CrsImpl& impl() const { return *m_impl; }

private:
  explicit Crs(std::shared_ptr<const CrsImpl> impl) : m_impl(std::move(impl)) {}
  std::shared_ptr<const CrsImpl> m_impl;
};

}  // namespace cx::crs
