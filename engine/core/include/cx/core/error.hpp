#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace cx {

/// Where a failure happened. Every member is optional; the message names those that are set,
/// so a user can find the offending file, layer, feature, field or scenario line.
struct ErrorContext {
  std::string path{};                  ///< dataset or scenario file
  std::string layer{};                ///< layer name inside the dataset
  std::optional<long long> feature{};  ///< source feature id (FID)
  std::string field{};                 ///< attribute field name (as in the source)
  std::optional<long> line{};          ///< line in a text file (1-based)
  std::string key{};                   ///< scenario key, e.g. `layers.roads.source`
  std::string step{};                  ///< analysis step tag

  /// "file 'x.gpkg', layer 'roads', feature 12, field 'width_m'" (only the parts that are set).
  [[nodiscard]] std::string describe() const;
};

/// Base of every exception the engine throws. The CLI maps the category to an exit code.
class Error : public std::runtime_error {
public:
  Error(std::string message, ErrorContext context = {});

  [[nodiscard]] const ErrorContext& context() const noexcept { return m_context; }
  [[nodiscard]] const std::string& message() const noexcept { return m_message; }

  /// Fills in context fields that are still empty (used while unwinding through a step).
  void add_context(const ErrorContext& outer);

private:
  void rebuild_what();
  std::string m_message;
  ErrorContext m_context;
  std::string m_what;

public:
  [[nodiscard]] const char* what() const noexcept override { return m_what.c_str(); }
};

/// Bad input data (a dataset, a layer, a feature or a field value). Exit code 2.
class InputError : public Error {
  using Error::Error;
};
/// Bad configuration: scenario file or command-line options. Exit code 2.
class ConfigError : public Error {
  using Error::Error;
};
/// Reading or writing files failed for reasons outside the data (permissions, disk). Exit code 2.
class IoError : public Error {
  using Error::Error;
};
/// A geometry operation failed in GEOS. Exit code 3 unless the input is to blame.
class GeometryError : public Error {
  using Error::Error;
};
/// The user or a signal asked the run to stop.
class Cancelled : public Error {
  using Error::Error;
};
/// A broken invariant: a bug in crossaxis. Exit code 3.
class InternalError : public Error {
  using Error::Error;
};

}  // namespace cx

/// Checks an internal invariant; a failure is a bug and raises InternalError.
#define CX_ASSERT(cond)                                                                   \
  do {                                                                                    \
    if (!(cond)) throw ::cx::InternalError(std::string("assertion failed: ") + #cond + \
                                           " at " + __FILE__ + ":" + std::to_string(__LINE__)); \
  } while (false)
