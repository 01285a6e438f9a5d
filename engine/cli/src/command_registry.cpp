#include "command_registry.hpp"

#include "diff_command.hpp"
#include "network_command.hpp"
#include "overlay_command.hpp"
#include "run_command.hpp"
#include "validate_command.hpp"

namespace cx::cli {

std::vector<std::unique_ptr<Command>> make_commands() {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<RunCommand>());
  commands.push_back(std::make_unique<OverlayCommand>());
  commands.push_back(std::make_unique<NetworkCommand>());
  commands.push_back(std::make_unique<DiffCommand>());
  commands.push_back(std::make_unique<ValidateCommand>());
  return commands;
}

}  // namespace cx::cli
