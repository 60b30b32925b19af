#include "exit_code.hpp"
#include "options.hpp"
#include "run.hpp"

#include <exception>
#include <iostream>
#include <variant>

int main(int argc, char** argv) {
  using namespace pen_bindgen::cli;
  try {
    const std::vector<std::string> arguments(argv + (argc > 0 ? 1 : 0), argv + argc);
    const auto parsed = parse_command_line(arguments, std::cout, std::cerr);
    if (const int* exit_code = std::get_if<int>(&parsed)) {
      return *exit_code;
    }
    return run(std::get<Options>(parsed), std::cerr);
  } catch (const std::exception& error) {
    // Bad input must never crash the tool; anything that escapes is a bug in it.
    std::cerr << "pen-bindgen: internal error: " << error.what() << '\n';
    return exit_failure;
  }
}
