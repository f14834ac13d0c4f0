// libFuzzer target: the manifest parser (docs/manifest.md); a UsageError
// naming the line is the answer to a bad manifest.
#include "indexer/store/manifest.hh"
#include "tests/fuzz/fuzz.hh"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const rk::Manifest manifest =
        rk::Manifest::parse(std::string(rk::fuzz::as_text(data, size)), "/corpus/manifest.ini");
    rk::Document doc;
    manifest.apply("/corpus/program/policy.txt", 0, doc);
    manifest.apply("/corpus/handling.txt", 2, doc);
  } catch (const rk::UsageError&) {
  }
  return 0;
}
