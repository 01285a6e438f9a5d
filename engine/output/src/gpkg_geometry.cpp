#include "gpkg_geometry.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <string>

#include "cx/core/error.hpp"

namespace cx::output::detail {

void Envelope::expand(double x, double y) {
  if (std::isnan(x) || std::isnan(y)) return;  // WKB writes an empty point as NaN NaN
  if (empty) {
    min_x = max_x = x;
    min_y = max_y = y;
    empty = false;
    return;
  }
  min_x = std::min(min_x, x);
  max_x = std::max(max_x, x);
  min_y = std::min(min_y, y);
  max_y = std::max(max_y, y);
}

void Envelope::expand(const Envelope& other) {
  if (other.empty) return;
  expand(other.min_x, other.min_y);
  expand(other.max_x, other.max_y);
}

namespace {

/// Reads WKB front to back with bounds checks; each nested geometry states its own byte order.
class WkbReader {
public:
  explicit WkbReader(std::span<const std::uint8_t> bytes) : m_bytes(bytes) {}

  void read_geometry(WkbInfo& info, int depth) {
    if (depth > 32) malformed("nesting deeper than 32");
    const bool little = read_byte() == 1;
    const std::uint32_t code = read_u32(little);
    const std::uint32_t base = code % 1000;
    const std::uint32_t dims = code / 1000;  // ISO: 0 = XY, 1 = Z, 2 = M, 3 = ZM
    if (dims > 3 || base < 1 || base > 7) malformed("geometry type " + std::to_string(code));
    const std::size_t ordinates = 2 + (dims == 1 || dims == 2 ? 1 : 0) + (dims == 3 ? 2 : 0);
    if (depth == 0) info.is_point = base == 1;
    switch (base) {
      case 1: read_points(info.envelope, 1, ordinates, little); break;
      case 2: read_points(info.envelope, read_count(little), ordinates, little); break;
      case 3: {
        const std::uint32_t rings = read_count(little);
        for (std::uint32_t r = 0; r < rings; ++r) {
          read_points(info.envelope, read_count(little), ordinates, little);
        }
        break;
      }
      default: {  // multi-point, multi-linestring, multi-polygon, collection
        const std::uint32_t parts = read_count(little);
        for (std::uint32_t p = 0; p < parts; ++p) read_geometry(info, depth + 1);
      }
    }
  }

  [[nodiscard]] bool at_end() const { return m_pos == m_bytes.size(); }

private:
  [[noreturn]] static void malformed(const std::string& what) {
    throw InternalError("output geometry is not valid WKB: " + what);
  }

  void need(std::size_t n) const {
    if (m_bytes.size() - m_pos < n) malformed("truncated");
  }

  std::uint8_t read_byte() {
    need(1);
    return m_bytes[m_pos++];
  }

  std::uint32_t read_u32(bool little) {
    need(4);
    std::uint32_t v = 0;
    std::memcpy(&v, m_bytes.data() + m_pos, 4);
    m_pos += 4;
    return little == (std::endian::native == std::endian::little) ? v : __builtin_bswap32(v);
  }

  std::uint32_t read_count(bool little) {
    const std::uint32_t n = read_u32(little);
    if (n > m_bytes.size()) malformed("count larger than the blob");
    return n;
  }

  double read_double(bool little) {
    need(8);
    std::uint64_t v = 0;
    std::memcpy(&v, m_bytes.data() + m_pos, 8);
    m_pos += 8;
    if (little != (std::endian::native == std::endian::little)) v = __builtin_bswap64(v);
    return std::bit_cast<double>(v);
  }

  void read_points(Envelope& envelope, std::uint32_t count, std::size_t ordinates, bool little) {
    need(std::size_t{count} * ordinates * 8);
    for (std::uint32_t i = 0; i < count; ++i) {
      const double x = read_double(little);
      const double y = read_double(little);
      m_pos += (ordinates - 2) * 8;
      envelope.expand(x, y);
    }
  }

  std::span<const std::uint8_t> m_bytes;
  std::size_t m_pos = 0;
};

void append_le(std::vector<std::uint8_t>& out, const void* value, std::size_t size) {
  static_assert(std::endian::native == std::endian::little, "written for little-endian hosts");
  const auto* bytes = static_cast<const std::uint8_t*>(value);
  out.insert(out.end(), bytes, bytes + size);
}

}  // namespace

WkbInfo inspect_wkb(std::span<const std::uint8_t> wkb) {
  WkbInfo info;
  WkbReader reader(wkb);
  reader.read_geometry(info, 0);
  if (!reader.at_end()) throw InternalError("output geometry is not valid WKB: trailing bytes");
  return info;
}

void encode_gpkg_geometry(std::vector<std::uint8_t>& out, std::int32_t srs_id,
                          std::span<const std::uint8_t> wkb, const WkbInfo& info) {
  const bool with_envelope = !info.envelope.empty && !info.is_point;
  std::uint8_t flags = 0x01;            // bit 0: header numbers are little-endian
  if (with_envelope) flags |= 0x01 << 1;  // bits 1-3 = 1: envelope is [minx, maxx, miny, maxy]
  if (info.envelope.empty) flags |= 0x01 << 4;  // bit 4: empty geometry
  out.clear();
  out.reserve(8 + (with_envelope ? 32 : 0) + wkb.size());
  out.insert(out.end(), {'G', 'P', 0, flags});
  append_le(out, &srs_id, sizeof srs_id);
  if (with_envelope) {
    const double box[4] = {info.envelope.min_x, info.envelope.max_x, info.envelope.min_y,
                           info.envelope.max_y};
    append_le(out, box, sizeof box);
  }
  out.insert(out.end(), wkb.begin(), wkb.end());
}

}  // namespace cx::output::detail
