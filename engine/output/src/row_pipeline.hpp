#pragma once

// Makes a table's rows ahead of the writer: a helper thread calls the RowSource and encodes each
// geometry as a GeoPackage blob, chunk by chunk, while the caller stores the previous chunk in
// SQLite (which is single-threaded). Only a few chunks are ever in memory.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "cx/output/table_schema.hpp"
#include "gpkg_geometry.hpp"

namespace cx::output::detail {

/// A row ready to be stored: its values, and its geometry as a GeoPackage blob (empty = NULL).
struct EncodedRow {
  std::vector<io::FieldValue> values;
  std::vector<std::uint8_t> blob;
  Envelope envelope;  ///< of the geometry; empty when it has none
};

class RowPipeline {
public:
  /// Rows per chunk: enough to keep both threads busy, few enough to keep memory small.
  static constexpr std::size_t chunk_rows = 4096;

  RowPipeline(const TableSchema& schema, const RowSource& source, std::int32_t srs_id);
  ~RowPipeline();  ///< stops the helper thread (it finishes its current row) and joins it
  RowPipeline(const RowPipeline&) = delete;
  RowPipeline& operator=(const RowPipeline&) = delete;

  /// The next chunk in order; empty when all rows were delivered. Rethrows what making or
  /// checking a row threw.
  std::vector<EncodedRow> next();

private:
  std::vector<EncodedRow> make_chunk(std::size_t first) const;
  void produce();

  const TableSchema& m_schema;
  const RowSource& m_source;
  std::int32_t m_srs_id;
  std::size_t m_next_first = 0;  // first row of the next chunk next() makes itself (no thread)

  static constexpr std::size_t max_ready_chunks = 3;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::vector<EncodedRow>> m_ready;
  std::exception_ptr m_error;
  bool m_finished = false;  // the helper delivered everything (or failed)
  bool m_stop = false;      // the caller gave up
  std::thread m_helper;
};

}  // namespace cx::output::detail
