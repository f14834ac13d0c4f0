// libFuzzer target: the html reader on any bytes, as a file named "f.html".
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rk::fuzz::read_as(data, size, "f.html");
  return 0;
}
