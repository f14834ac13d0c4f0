// libFuzzer target: the DOCX and ODT readers (zip packages of XML) on any
// bytes. Both readers see every input: the format sniffing picks the one a
// real file would get, and the other is forced by the file name.
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rk::fuzz::read_as(data, size, "f.docx");
  rk::fuzz::read_as(data, size, "f.odt");
  return 0;
}
