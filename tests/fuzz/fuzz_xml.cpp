// libFuzzer target: the xml reader on any bytes, as a file named "f.xml".
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rk::fuzz::read_as(data, size, "f.xml");
  return 0;
}
