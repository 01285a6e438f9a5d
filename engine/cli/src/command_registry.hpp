#pragma once

#include <memory>
#include <vector>

#include "command.hpp"

namespace cx::cli {

/// Every crossaxis subcommand, in the order --help lists them.
[[nodiscard]] std::vector<std::unique_ptr<Command>> make_commands();

}  // namespace cx::cli
