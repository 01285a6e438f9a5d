// crossaxis: the command-line entry point. The only place that catches every exception and
// turns it into one readable line and an exit code.
#include <cstdio>
#include <exception>
#include <string>

#include <CLI/CLI.hpp>

#include "command_registry.hpp"
#include "interrupt.hpp"
#include "cx/core/error.hpp"
#include "cx/core/version.hpp"

#ifdef CX_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

using cx::cli::ExitCode;

// The version line names the allocator: the engine makes and frees millions of small GEOS
// objects on several threads, and glibc's malloc spends a quarter of an overlay's time on them.
std::string version_text() {
  std::string text = std::string("crossaxis ") + cx::engine_version;
#ifdef CX_WITH_MIMALLOC
  const int v = mi_version();  // e.g. 209 for 2.0.9
  text += " (allocator: mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) +
          "." + std::to_string(v % 10) + ")";
#endif
  return text;
}

int report(const char* kind, const std::exception& e, ExitCode code) {
  std::fprintf(stderr, "crossaxis: %s: %s\n", kind, e.what());
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("crossaxis: road-extension planning analyses (land take, protected-zone "
               "conflicts, connectivity) from GIS layers to styled GeoPackages.",
               "crossaxis");
  app.set_version_flag("--version", version_text());
  cx::cli::GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "No progress or warnings on stderr");
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 1 a finding asked to fail on, 2 usage or input error, "
             "3 internal error, 130 interrupted (nothing written). Run 'crossaxis COMMAND --help' "
             "for a command's options.");
  auto commands = cx::cli::make_commands();
  std::vector<std::pair<CLI::App*, cx::cli::Command*>> subs;
  for (auto& command : commands) subs.emplace_back(command->add_to(app), command.get());
  for (auto& [sub, command] : subs) {
    sub->add_flag("-q,--quiet", global.quiet, "No progress or warnings on stderr");
    sub->add_flag("-v,--verbose", global.verbose, "Log each step with its elapsed time on stderr");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, version or the usage error
    return code == 0 ? 0 : static_cast<int>(ExitCode::InputError);
  }
  cx::cli::install_interrupt_handlers();
  try {
    for (auto& [sub, command] : subs) {
      if (sub->parsed()) return static_cast<int>(command->run(global));
    }
    return static_cast<int>(ExitCode::InputError);
  } catch (const cx::ConfigError& e) {
    return report("error", e, ExitCode::InputError);
  } catch (const cx::InputError& e) {
    return report("error", e, ExitCode::InputError);
  } catch (const cx::IoError& e) {
    return report("error", e, ExitCode::InputError);
  } catch (const cx::Cancelled& e) {
    return report("interrupted", e, ExitCode::Interrupted);
  } catch (const cx::Error& e) {
    return report("internal error", e, ExitCode::InternalError);
  } catch (const std::exception& e) {
    return report("internal error", e, ExitCode::InternalError);
  }
}
