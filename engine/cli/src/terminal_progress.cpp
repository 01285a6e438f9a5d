#include "terminal_progress.hpp"

#include "interrupt.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace cx::cli {

Progress terminal_progress(bool quiet, std::string_view label) {
  if (quiet || isatty(STDERR_FILENO) == 0) {
    return Progress([](double, std::string_view) { return !interrupted(); });
  }
  struct State {
    int last_step = -1;  // 0..40: GDAL draws a dot every 2.5 %, a number every 10 %
  };
  auto state = std::make_shared<State>();
  std::fprintf(stderr, "%.*s: ", static_cast<int>(label.size()), label.data());
  return Progress([state](double fraction, std::string_view) {
    const int step = static_cast<int>(fraction * 40.0 + 1e-9);
    while (state->last_step < step) {
      ++state->last_step;
      if (state->last_step % 4 == 0) {
        std::fprintf(stderr, "%d", state->last_step / 4 * 10);
      } else {
        std::fputc('.', stderr);
      }
      if (state->last_step == 40) std::fputs(" - done.\n", stderr);
    }
    std::fflush(stderr);
    return !interrupted();
  });
}

namespace {

// " (about 40 s left)" once a run has gone on long enough for the estimate to mean something:
// the time so far scaled by the share of the work still to do (the steps' shares are fixed
// guesses, so this is rough, and said so).
std::string time_left(double elapsed_s, double fraction) {
  if (elapsed_s < 5.0 || fraction < 0.05 || fraction > 0.99) return {};
  const double left = elapsed_s * (1.0 - fraction) / fraction;
  char text[48];
  std::snprintf(text, sizeof text, " (about %.0f s left)", left);
  return text;
}

}  // namespace

Progress step_log(std::string_view label) {
  const auto start = std::chrono::steady_clock::now();
  auto last = std::make_shared<std::string>();
  return Progress([start, last, name = std::string(label)](double fraction, std::string_view message) {
    if (!message.empty() && message != *last) {
      *last = std::string(message);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      std::fprintf(stderr, "[%8.3f s] %s: %s%s\n", elapsed.count(), name.c_str(), last->c_str(),
                   time_left(elapsed.count(), fraction).c_str());
    }
    return !interrupted();
  });
}

void print_warnings(const Diagnostics& diagnostics, bool quiet) {
  if (quiet) return;
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::Warning) {
      std::fprintf(stderr, "warning: %s\n", Diagnostics::describe(d).c_str());
    }
  }
}

}  // namespace cx::cli
