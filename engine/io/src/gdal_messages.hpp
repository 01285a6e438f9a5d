#pragma once

#include <string>
#include <vector>

#include <cpl_error.h>

namespace cx::io::detail {

/// Collects what GDAL says (warnings and errors) while it is alive, instead of printing it:
/// GDAL reports some repairs and lossy conversions only as warnings (an unclosed ring closed,
/// "Value 'abc' ... parsed incompletely to real 0"), and the engine must not let them pass
/// silently. Scoped to the calling thread, like GDAL's handler stack.
class GdalMessages {
public:
  struct Message {
    CPLErr level = CE_None;
    std::string text;
  };

  GdalMessages();
  ~GdalMessages();
  GdalMessages(const GdalMessages&) = delete;
  GdalMessages& operator=(const GdalMessages&) = delete;

  /// The messages since the last take(), in the order GDAL gave them; clears them.
  [[nodiscard]] std::vector<Message> take();

private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* text);
  std::vector<Message> m_messages;
};

/// A value GDAL read from text that was not a number (it keeps what strtod parsed: 'abc' -> 0,
/// '3.0 m' -> 3): the text and the field, parsed from GDAL's warning.
struct UnparsedValue {
  std::string text;
  std::string field;
};

/// Recognises GDAL's "Value '...' of field <layer>.<field> parsed incompletely to ..." warning
/// for one of `fields` of `layer`.
[[nodiscard]] bool parse_unparsed_value(const std::string& message, const std::string& layer,
                                        const std::vector<std::string>& fields, UnparsedValue& out);

}  // namespace cx::io::detail
