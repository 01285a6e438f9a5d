#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace cx::io::detail {

/// The CRS a GeoJSON file declares in its top-level "crs" member (the 2008 GeoJSON form), as
/// PROJ user input ("urn:ogc:def:crs:EPSG::4547", "EPSG:4547"), when it has one. GDAL reads a
/// name it cannot resolve as WGS 84 without a word, so the engine checks it itself.
[[nodiscard]] std::optional<std::string> geojson_declared_crs(const std::string& path);

/// True when PROJ resolves `user_input` to a CRS.
[[nodiscard]] bool crs_resolves(const std::string& user_input);

/// A stored value of a numeric column that is not a number of that type.
struct StoredText {
  std::size_t field = 0;  ///< index in the layer definition
  std::string text;       ///< the value as stored
};

/// SQLite (and so GeoPackage) columns are typed loosely: a REAL column can hold 'abc', which
/// GDAL reads as 0, or '3.0 m', read as 3, and an INTEGER column 2.5, read as 2. This asks
/// SQLite for such values in the layer's numeric fields, by FID. Empty for other drivers.
[[nodiscard]] std::map<long long, std::vector<StoredText>> non_numbers_in_numeric_fields(
    GDALDataset& ds, OGRLayer& layer);

/// `name` as an SQL identifier: in double quotes, inner quotes doubled.
[[nodiscard]] std::string quoted_identifier(const std::string& name);

}  // namespace cx::io::detail
