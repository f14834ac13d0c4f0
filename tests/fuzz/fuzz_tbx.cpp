// libFuzzer target: the TBX term bank reader, and writing back what it read.
#include "indexer/terms/terms.hh"
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const rk::terms::TermBank bank = rk::terms::read_tbx(rk::fuzz::as_text(data, size));
    const std::string written = rk::terms::write_tbx(bank);
    (void)written;
  } catch (const rk::InputError&) {
  }
  return 0;
}
