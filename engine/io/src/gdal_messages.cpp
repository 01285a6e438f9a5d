#include "gdal_messages.hpp"

namespace cx::io::detail {

GdalMessages::GdalMessages() {
  CPLPushErrorHandlerEx(&GdalMessages::handle, this);
  CPLErrorReset();
}

GdalMessages::~GdalMessages() { CPLPopErrorHandler(); }

std::vector<GdalMessages::Message> GdalMessages::take() {
  std::vector<Message> out;
  out.swap(m_messages);
  return out;
}

void CPL_STDCALL GdalMessages::handle(CPLErr level, CPLErrorNum, const char* text) {
  if (level == CE_Debug || level == CE_None) return;
  auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
  self->m_messages.push_back(Message{level, text != nullptr ? text : ""});
}

bool parse_unparsed_value(const std::string& message, const std::string& layer,
                          const std::vector<std::string>& fields, UnparsedValue& out) {
  static constexpr std::string_view prefix = "Value '";
  if (message.rfind(prefix, 0) != 0 || message.find("parsed incompletely") == std::string::npos) {
    return false;
  }
  for (const auto& field : fields) {
    const std::string tail = "' of field " + layer + "." + field + " parsed incompletely";
    const auto at = message.find(tail);
    if (at == std::string::npos) continue;
    out.text = message.substr(prefix.size(), at - prefix.size());
    out.field = field;
    return true;
  }
  return false;
}

}  // namespace cx::io::detail
