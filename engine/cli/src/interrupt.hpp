#pragma once

namespace cx::cli {

/// Catches SIGINT and SIGTERM so a run stops at its next progress check and unwinds: the
/// output's temporary file is removed and an existing output is left as it was.
void install_interrupt_handlers();

/// True once SIGINT or SIGTERM has arrived.
[[nodiscard]] bool interrupted();

}  // namespace cx::cli
