#pragma once

namespace pen_bindgen::cli {

// DESIGN §2. 1 is also what an unexpected internal failure gives.
enum ExitCode : int {
  exit_success = 0,
  exit_failure = 1,
  exit_usage = 2,
  exit_parse = 3,
  exit_io = 4,
};

} // namespace pen_bindgen::cli
