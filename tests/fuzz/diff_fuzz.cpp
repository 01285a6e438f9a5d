// Fuzz target: the diff reader and its reports. The input is two datasets (GeoJSON text here,
// which GDAL parses quickly) separated by a line "====": diff A against B, then write the
// summary, JSON lines and Markdown report.
// Any cx::Error is a refusal with a message, as it should be; anything else is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cx/core/error.hpp"
#include "cx/diff/diff.hpp"
#include "cx/diff/diff_outputs.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find("\n====\n");
  if (split == std::string_view::npos) return 0;
  const auto a = cx::fuzz::write_input("a.geojson", data, split);
  const auto b = cx::fuzz::write_input("b.geojson", data + split + 6, size - split - 6);
  try {
    const cx::diff::DiffOptions options;
    const auto diff = cx::diff::diff_datasets(a, b, options);
    (void)cx::diff::summary_text(diff);
    (void)cx::diff::jsonl(diff);
    (void)cx::diff::markdown_report(diff, options);
  } catch (const cx::Error&) {
  }
  return 0;
}
