#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace cx {

enum class LogLevel { Error, Warn, Info, Debug };

/// Where the library's messages go. The library never writes to stdout/stderr itself: the CLI
/// installs a stderr sink, tests install a capturing one. The default sink drops everything.
class Logger {
public:
  using Sink = std::function<void(LogLevel, std::string_view)>;

  Logger() = default;
  explicit Logger(Sink sink) : m_sink(std::move(sink)) {}

  void log(LogLevel level, std::string_view message) const {
    if (m_sink) m_sink(level, message);
  }
  void warn(std::string_view message) const { log(LogLevel::Warn, message); }
  void info(std::string_view message) const { log(LogLevel::Info, message); }

private:
  Sink m_sink;
};

}  // namespace cx
