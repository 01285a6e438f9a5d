#pragma once

#include <memory>

namespace cx {

/// Keeps `object` alive until the process ends, and never destroys it: the operating system
/// takes the memory back at once at exit, where freeing a million small objects one by one
/// takes seconds. For what a program builds last and needs no more (the inputs and analysis of
/// its last run). What is kept stays reachable, so leak checkers do not report it.
void keep_until_exit(std::shared_ptr<const void> object);

}  // namespace cx
