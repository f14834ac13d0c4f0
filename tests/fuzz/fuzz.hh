// Shared by the libFuzzer targets: the input as a string_view, and the one
// rule of every target: refusing an input with our own error is fine,
// anything else (a crash, a sanitizer report, another exception) is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/core/error.hh"
#include "indexer/readers/reader.hh"

namespace rk::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Reads the input as a file called `name`; InputError is a valid answer.
inline void read_as(const std::uint8_t* data, std::size_t size, std::string_view name) {
  try {
    const ReadResult result = read_bytes(as_text(data, size), name);
    (void)result;
  } catch (const InputError&) {
  }
}

}  // namespace rk::fuzz
