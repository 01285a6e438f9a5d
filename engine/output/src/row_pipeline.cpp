#include "row_pipeline.hpp"

#include <algorithm>

namespace cx::output::detail {

RowPipeline::RowPipeline(const TableSchema& schema, const RowSource& source, std::int32_t srs_id)
    : m_schema(schema), m_source(source), m_srs_id(srs_id) {
  // A table of one chunk or less is made on the caller's thread: a thread would cost more.
  if (m_source.count > chunk_rows) m_helper = std::thread([this] { produce(); });
}

RowPipeline::~RowPipeline() {
  if (!m_helper.joinable()) return;
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_changed.notify_all();
  m_helper.join();
}

std::vector<EncodedRow> RowPipeline::make_chunk(std::size_t first) const {
  const std::size_t last = std::min(m_source.count, first + chunk_rows);
  std::vector<EncodedRow> chunk;
  chunk.reserve(last - first);
  for (std::size_t i = first; i < last; ++i) {
    Row row = m_source.row(i);
    check_row(m_schema, row);
    EncodedRow& out = chunk.emplace_back();
    out.values = std::move(row.values);
    if (!row.wkb.empty()) {
      const WkbInfo info = inspect_wkb(row.wkb);
      encode_gpkg_geometry(out.blob, m_srs_id, row.wkb, info);
      out.envelope = info.envelope;
    }
  }
  return chunk;
}

void RowPipeline::produce() {
  try {
    for (std::size_t first = 0; first < m_source.count; first += chunk_rows) {
      std::vector<EncodedRow> chunk = make_chunk(first);
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [this] { return m_stop || m_ready.size() < max_ready_chunks; });
      if (m_stop) return;
      m_ready.push_back(std::move(chunk));
      lock.unlock();
      m_changed.notify_all();
    }
  } catch (...) {
    const std::lock_guard lock(m_mutex);
    m_error = std::current_exception();
  }
  {
    const std::lock_guard lock(m_mutex);
    m_finished = true;
  }
  m_changed.notify_all();
}

std::vector<EncodedRow> RowPipeline::next() {
  if (!m_helper.joinable()) {
    if (m_next_first >= m_source.count) return {};
    std::vector<EncodedRow> chunk = make_chunk(m_next_first);
    m_next_first += chunk_rows;
    return chunk;
  }
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [this] { return !m_ready.empty() || m_finished; });
  if (m_ready.empty()) {
    if (m_error) std::rethrow_exception(m_error);
    return {};
  }
  std::vector<EncodedRow> chunk = std::move(m_ready.front());
  m_ready.pop_front();
  lock.unlock();
  m_changed.notify_all();
  return chunk;
}

}  // namespace cx::output::detail
