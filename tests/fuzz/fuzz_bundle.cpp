// libFuzzer target: the bundle splitter (and the metadata inference it
// runs on every part) on normalised blocks of any text.
#include "indexer/bundle/bundle.hh"
#include "indexer/normalise/normalise.hh"
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rk::ReadResult meta;
  meta.format = "text";
  meta.layout_text = true;
  meta.text = rk::to_utf8(rk::fuzz::as_text(data, size));
  const auto blocks = rk::normalise_layout_text(meta.text);
  const auto parts = rk::split_documents(blocks, meta, "handling.txt");
  (void)parts;
  return 0;
}
