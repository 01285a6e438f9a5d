// Fuzz target: the scenario file parser (TOML, then crossaxis's own keys, types and paths).
// Any cx::Error is a refusal with a message, as it should be; anything else is a finding.
#include <cstddef>
#include <cstdint>

#include "cx/core/error.hpp"
#include "cx/scenario/scenario_config.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = cx::fuzz::write_input("scenario.toml", data, size);
  try {
    (void)cx::scenario::parse_scenario_file(path);
  } catch (const cx::Error&) {
  }
  return 0;
}
