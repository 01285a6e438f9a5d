#include "source_checks.hpp"

#include <cstdio>
#include <memory>

#include <cpl_json.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

namespace cx::io::detail {
namespace {

/// Finds the text of the top-level member `key` of a JSON object file in one pass, without
/// building the document (GeoJSON files can be large; the member may come after "features").
class TopLevelMember {
public:
  explicit TopLevelMember(std::string key) : m_key(std::move(key)) {}

  /// Feeds the next bytes; true once the member's whole value has been read.
  bool feed(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      if (step(data[i])) return true;
    }
    return false;
  }
  [[nodiscard]] const std::string& value() const { return m_value; }

private:
  bool step(char c) {
    if (m_capturing) m_value += c;
    if (m_in_string) {
      if (m_escaped) {
        m_escaped = false;
      } else if (c == '\\') {
        m_escaped = true;
      } else if (c == '"') {
        m_in_string = false;
        if (m_depth == 1 && !m_capturing) m_last_string_matches = m_string == m_key;
      } else if (m_depth == 1 && !m_capturing) {
        m_string += c;
      }
      return false;
    }
    switch (c) {
      case '"':
        m_in_string = true;
        m_string.clear();
        return false;
      case ':':
        if (m_depth == 1 && m_last_string_matches) {
          m_capturing = true;
          m_value.clear();
        }
        return false;
      case '{':
      case '[': ++m_depth; return false;
      case '}':
      case ']':
        --m_depth;
        return m_capturing && m_depth <= 1;
      case ',':
        m_last_string_matches = false;
        return m_capturing && m_depth == 1;
      default: return false;
    }
  }

  std::string m_key;
  std::string m_string;
  std::string m_value;
  int m_depth = 0;
  bool m_in_string = false;
  bool m_escaped = false;
  bool m_last_string_matches = false;
  bool m_capturing = false;
};

}  // namespace

std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::optional<std::string> geojson_declared_crs(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) return std::nullopt;
  TopLevelMember crs("crs");
  std::vector<char> buffer(1 << 16);
  bool found = false;
  while (!found) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    found = crs.feed(buffer.data(), n);
  }
  if (!found) return std::nullopt;
  // The value as written, up to the character that ended it (its own closing brace for an
  // object; the ',' or '}' after it for a scalar such as null, which declares nothing).
  std::string text = crs.value();
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') return std::nullopt;
  text.erase(0, first);
  CPLJSONDocument doc;
  if (!doc.LoadMemory(text)) return std::string(text);
  const CPLJSONObject root = doc.GetRoot();
  const std::string type = root.GetString("type");
  const CPLJSONObject properties = root.GetObj("properties");
  if (type == "name") return properties.GetString("name");
  if (type == "EPSG") return "EPSG:" + properties.GetString("code");
  if (type == "link") return properties.GetString("href");
  return text;
}

bool crs_resolves(const std::string& user_input) {
  if (user_input.empty()) return false;
  OGRSpatialReference srs;
  return srs.SetFromUserInput(user_input.c_str()) == OGRERR_NONE;
}

std::map<long long, std::vector<StoredText>> non_numbers_in_numeric_fields(GDALDataset& ds,
                                                                           OGRLayer& layer) {
  std::map<long long, std::vector<StoredText>> out;
  const std::string driver = ds.GetDriverName() != nullptr ? ds.GetDriverName() : "";
  const std::string fid_column = layer.GetFIDColumn() != nullptr ? layer.GetFIDColumn() : "";
  if ((driver != "GPKG" && driver != "SQLite") || fid_column.empty()) return out;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldType type = defn->GetFieldDefn(i)->GetType();
    if (type != OFTInteger && type != OFTInteger64 && type != OFTReal) continue;
    const std::string column = quoted_identifier(defn->GetFieldDefn(i)->GetNameRef());
    std::string where = "typeof(" + column + ") NOT IN ('integer', 'real', 'null')";
    if (type != OFTReal) {
      where = "(" + where + ") OR (typeof(" + column + ") = 'real' AND " + column + " <> CAST(" +
              column + " AS INTEGER))";
    }
    if (type == OFTInteger) {
      // A 32-bit column (INT, MEDIUMINT) holding a wider integer: GDAL reads it cut to 32 bits
      // (4 294 967 296 as 0), so it is taken as stored.
      where += " OR (typeof(" + column + ") = 'integer' AND (" + column + " > 2147483647 OR " +
               column + " < -2147483648))";
    }
    // A blob has no text to show (CAST gives its bytes, often nothing readable): said as such.
    const std::string stored = "CASE WHEN typeof(" + column + ") = 'blob' THEN '<a blob of ' || length(" +
                               column + ") || ' bytes>' ELSE CAST(" + column + " AS TEXT) END";
    const std::string sql = "SELECT " + quoted_identifier(fid_column) + ", " + stored +
                            " AS cx_stored FROM " + quoted_identifier(layer.GetName()) + " WHERE " +
                            where;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) continue;
    // GDAL makes the selected FID column the result's FID, not a field.
    const bool fid_is_fid = result->GetFIDColumn() != nullptr && *result->GetFIDColumn() != '\0';
    for (auto& row : *result) {
      const long long fid = fid_is_fid ? row->GetFID() : row->GetFieldAsInteger64(0);
      out[fid].push_back(StoredText{static_cast<std::size_t>(i), row->GetFieldAsString("cx_stored")});
    }
    ds.ReleaseResultSet(result);
  }
  return out;
}

}  // namespace cx::io::detail
