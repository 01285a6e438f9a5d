#include "rtree_bulk_load.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "cx/core/error.hpp"
#include "cx/core/parallel.hpp"
#include "sqlite_db.hpp"

namespace cx::output::detail {

namespace {

// SQLite's R-tree node layout (ext/rtree/rtree.c): a 4-byte header (tree depth, only
// meaningful in the root node, then the cell count, both 16-bit big-endian) followed by cells
// of a 64-bit big-endian id and 2 × dimensions 32-bit big-endian floats.
constexpr std::size_t node_header_bytes = 4;
constexpr std::size_t cell_bytes = 8 + 4 * 4;

using Node = std::vector<RtreeBox>;  // its cells; in inner nodes a cell's id is a child's index

float round_down(double value) {
  float f = static_cast<float>(value);
  if (static_cast<double>(f) > value) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

float round_up(double value) {
  float f = static_cast<float>(value);
  if (static_cast<double>(f) < value) f = std::nextafter(f, std::numeric_limits<float>::infinity());
  return f;
}

double centre_x(const RtreeBox& b) { return (double{b.min_x} + double{b.max_x}) / 2; }
double centre_y(const RtreeBox& b) { return (double{b.min_y} + double{b.max_y}) / 2; }

RtreeBox bounds(const Node& node, std::int64_t id) {
  RtreeBox out = node.front();
  out.id = id;
  for (const auto& b : node) {
    out.min_x = std::min(out.min_x, b.min_x);
    out.max_x = std::max(out.max_x, b.max_x);
    out.min_y = std::min(out.min_y, b.min_y);
    out.max_y = std::max(out.max_y, b.max_y);
  }
  return out;
}

/// Sorts `items` by `less`, a strict total order: so the result is the one std::sort gives,
/// however the work is split. Large inputs (a city's land-take pieces) are sorted in two halves
/// on two threads and merged; the writing thread waits on this, with the other core idle.
template <typename Less>
void sort_on_two_threads(std::vector<RtreeBox>& items, const Less& less) {
  constexpr std::size_t worth_a_thread = 1 << 16;
  if (items.size() < worth_a_thread) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  const auto middle = items.begin() + static_cast<std::ptrdiff_t>(items.size() / 2);
  parallel_items(2, 2, [] { return 0; }, [&](int, std::size_t half) {
    if (half == 0) {
      std::sort(items.begin(), middle, less);
    } else {
      std::sort(middle, items.end(), less);
    }
  });
  std::inplace_merge(items.begin(), middle, items.end(), less);
}

/// Sort-Tile-Recursive packing (Leutenegger et al. 1997): sort by x centre, cut into vertical
/// slices of about √(nodes) nodes each, sort each slice by y centre, fill nodes in order. Ties
/// are broken by id so the tree, and so the file, is the same on every run.
std::vector<Node> pack_level(std::vector<RtreeBox> items, std::size_t per_node) {
  const std::size_t nodes = (items.size() + per_node - 1) / per_node;
  const auto slices = static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::size_t per_slice = slices * per_node;
  const auto by_x = [](const RtreeBox& a, const RtreeBox& b) {
    return centre_x(a) != centre_x(b) ? centre_x(a) < centre_x(b) : a.id < b.id;
  };
  const auto by_y = [](const RtreeBox& a, const RtreeBox& b) {
    return centre_y(a) != centre_y(b) ? centre_y(a) < centre_y(b) : a.id < b.id;
  };
  sort_on_two_threads(items, by_x);
  // The slices are sorted at the same time: each its own part of `items`.
  const std::size_t slice_count = (items.size() + per_slice - 1) / per_slice;
  const auto slice_begin = [&](std::size_t k) {
    return items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), k * per_slice));
  };
  parallel_items(slice_count, 0, [] { return 0; },
                 [&](int, std::size_t k) { std::sort(slice_begin(k), slice_begin(k + 1), by_y); });
  std::vector<Node> out;
  out.reserve(nodes);
  for (std::size_t s = 0; s < items.size(); s += per_slice) {
    const auto slice_end = items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), s + per_slice));
    for (auto it = items.begin() + static_cast<std::ptrdiff_t>(s); it < slice_end;) {
      const auto end = it + std::min<std::ptrdiff_t>(static_cast<std::ptrdiff_t>(per_node), slice_end - it);
      out.emplace_back(it, end);
      it = end;
    }
  }
  return out;
}

void put_u16(std::uint8_t* p, std::size_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}

void put_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

void put_i64(std::uint8_t* p, std::int64_t value) {
  const auto v = static_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
}

void put_float(std::uint8_t* p, float f) {
  std::uint32_t bits = 0;
  static_assert(sizeof bits == sizeof f);
  std::memcpy(&bits, &f, sizeof f);
  put_u32(p, bits);
}

/// The node's blob; `first_child` maps a cell's child index to its node number (0 in leaves,
/// whose cell ids are row ids already).
std::vector<std::uint8_t> encode_node(const Node& node, std::size_t node_bytes, std::size_t depth,
                                      std::int64_t first_child) {
  std::vector<std::uint8_t> out(node_bytes, 0);
  put_u16(out.data(), depth);
  put_u16(out.data() + 2, node.size());
  std::uint8_t* cell = out.data() + node_header_bytes;
  for (const auto& b : node) {
    put_i64(cell, b.id + first_child);
    put_float(cell + 8, b.min_x);
    put_float(cell + 12, b.max_x);
    put_float(cell + 16, b.min_y);
    put_float(cell + 20, b.max_y);
    cell += cell_bytes;
  }
  return out;
}

// The row id -> leaf node table, many rows a statement: there is one row per feature, and a
// statement run per row cost more than the rest of the index.
void write_rowids(SqliteDb& db, const std::string& rtree_name,
                  const std::vector<std::pair<std::int64_t, std::int64_t>>& leaf_of_row) {
  constexpr std::size_t batch = 256;
  const auto insert_sql = [&](std::size_t rows) {
    std::string sql = "INSERT INTO " + quote_identifier(rtree_name + "_rowid") + " (rowid, nodeno) VALUES (?, ?)";
    for (std::size_t r = 1; r < rows; ++r) sql += ", (?, ?)";
    return sql;
  };
  Statement full(db, insert_sql(batch));
  for (std::size_t first = 0; first < leaf_of_row.size(); first += batch) {
    const std::size_t count = std::min(batch, leaf_of_row.size() - first);
    std::optional<Statement> last;
    Statement& insert = count == batch ? full : last.emplace(db, insert_sql(count));
    int index = 1;
    for (std::size_t k = first; k < first + count; ++k) {
      insert.bind(index++, leaf_of_row[k].first);
      insert.bind(index++, leaf_of_row[k].second);
    }
    insert.execute();
  }
}

}  // namespace

RtreeBox rtree_box(std::int64_t id, const Envelope& envelope) {
  return RtreeBox{.id = id,
                  .min_x = round_down(envelope.min_x),
                  .max_x = round_up(envelope.max_x),
                  .min_y = round_down(envelope.min_y),
                  .max_y = round_up(envelope.max_y)};
}

void bulk_load_rtree(SqliteDb& db, const std::string& rtree_name, std::vector<RtreeBox> boxes) {
  if (boxes.empty()) return;  // SQLite already wrote the empty root
  const std::string node_table = quote_identifier(rtree_name + "_node");

  // SQLite sized the empty root node from the page size; every node must have that size.
  std::size_t node_bytes = 0;
  {
    Statement root(db, "SELECT length(data) FROM " + node_table + " WHERE nodeno = 1");
    if (root.next_row()) node_bytes = static_cast<std::size_t>(root.column_int64(0));
    while (root.next_row()) {}
  }
  if (node_bytes < node_header_bytes + 2 * cell_bytes) {
    throw InternalError("R-tree '" + rtree_name + "' has no usable root node");
  }
  const std::size_t per_node = (node_bytes - node_header_bytes) / cell_bytes;

  // levels[0] are the leaves; each level's cells point into the level below by index.
  std::vector<std::vector<Node>> levels;
  std::vector<RtreeBox> items = std::move(boxes);
  while (items.size() > per_node || levels.empty()) {
    levels.push_back(pack_level(std::move(items), per_node));
    items.clear();
    const auto& level = levels.back();
    if (level.size() == 1) break;
    for (std::size_t i = 0; i < level.size(); ++i) {
      items.push_back(bounds(level[i], static_cast<std::int64_t>(i)));
    }
  }
  if (!items.empty()) levels.push_back({Node(items.begin(), items.end())});

  // Node numbers: the root is 1 (SQLite's rule), then each level below in order.
  const std::size_t depth = levels.size() - 1;
  std::vector<std::int64_t> first_number(levels.size());
  std::int64_t next = 1;
  for (std::size_t l = levels.size(); l-- > 0;) {
    first_number[l] = next;
    next += static_cast<std::int64_t>(levels[l].size());
  }

  db.exec("DELETE FROM " + node_table);
  Statement write_node(db, "INSERT INTO " + node_table + " (nodeno, data) VALUES (?, ?)");
  Statement write_parent(db, "INSERT INTO " + quote_identifier(rtree_name + "_parent") +
                                 " (nodeno, parentnode) VALUES (?, ?)");
  // The leaf of each row, by row id (ids are a table's FIDs, 1 to its row count, so an array
  // indexed by id puts them in order without a sort; 0: a row without a box).
  std::int64_t max_id = 0;
  for (const auto& node : levels.front()) {
    for (const auto& cell : node) max_id = std::max(max_id, cell.id);
  }
  std::vector<std::int64_t> leaf_by_row(static_cast<std::size_t>(max_id) + 1, 0);
  for (std::size_t l = levels.size(); l-- > 0;) {
    const std::int64_t children_start = l > 0 ? first_number[l - 1] : 0;
    for (std::size_t i = 0; i < levels[l].size(); ++i) {
      const Node& node = levels[l][i];
      const std::int64_t number = first_number[l] + static_cast<std::int64_t>(i);
      const auto blob = encode_node(node, node_bytes, number == 1 ? depth : 0, children_start);
      write_node.bind(1, number);
      write_node.bind_blob(2, blob);
      write_node.execute();
      for (const auto& cell : node) {
        if (l == 0) {
          leaf_by_row[static_cast<std::size_t>(cell.id)] = number;
        } else {
          write_parent.bind(1, cell.id + children_start);
          write_parent.bind(2, number);
          write_parent.execute();
        }
      }
    }
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> leaf_of_row;  // (row id, leaf node)
  for (std::size_t id = 1; id < leaf_by_row.size(); ++id) {
    if (leaf_by_row[id] != 0) leaf_of_row.emplace_back(static_cast<std::int64_t>(id), leaf_by_row[id]);
  }
  write_rowids(db, rtree_name, leaf_of_row);
}

}  // namespace cx::output::detail
