// libFuzzer target: the layout-text normaliser on any text, decoded as the
// text reader decodes it (UTF-8, else Windows-1252), so that the normaliser
// sees what it sees in production: valid UTF-8 with '\n' and '\f'.
#include "indexer/normalise/normalise.hh"
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = rk::to_utf8(rk::fuzz::as_text(data, size));
  rk::NormaliseStats stats;
  const auto blocks = rk::normalise_layout_text(text, stats);
  (void)blocks;
  return 0;
}
