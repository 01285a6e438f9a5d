#include "cx/core/error.hpp"

#include <vector>

namespace cx {

std::string ErrorContext::describe() const {
  std::vector<std::string> parts;
  if (!path.empty()) parts.push_back("file '" + path + "'");
  if (line) parts.push_back("line " + std::to_string(*line));
  if (!key.empty()) parts.push_back("key '" + key + "'");
  if (!layer.empty()) parts.push_back("layer '" + layer + "'");
  if (feature) parts.push_back("feature " + std::to_string(*feature));
  if (!field.empty()) parts.push_back("field '" + field + "'");
  if (!step.empty()) parts.push_back("step '" + step + "'");
  std::string out;
  for (const auto& part : parts) {
    if (!out.empty()) out += ", ";
    out += part;
  }
  return out;
}

Error::Error(std::string message, ErrorContext context)
    : std::runtime_error(message), m_message(std::move(message)), m_context(std::move(context)) {
  rebuild_what();
}

void Error::add_context(const ErrorContext& outer) {
  if (m_context.path.empty()) m_context.path = outer.path;
  if (m_context.layer.empty()) m_context.layer = outer.layer;
  if (!m_context.feature) m_context.feature = outer.feature;
  if (m_context.field.empty()) m_context.field = outer.field;
  if (!m_context.line) m_context.line = outer.line;
  if (m_context.key.empty()) m_context.key = outer.key;
  if (m_context.step.empty()) m_context.step = outer.step;
  rebuild_what();
}

void Error::rebuild_what() {
  const std::string where = m_context.describe();
  m_what = where.empty() ? m_message : where + ": " + m_message;
}

}  // namespace cx
