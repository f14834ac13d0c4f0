// Errors at the boundary: stages throw these, the pipeline and the CLI catch
// them and turn them into one line naming the file and the reason.
#pragma once

#include <stdexcept>
#include <string>

namespace rk {

// A file we cannot or will not read: corrupt, hostile, too large, empty.
// The message is the reason only; the caller adds the file name.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A user mistake (bad flag, bad manifest, unknown document id).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index cannot be used (locked, wrong schema, missing).
class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(const std::string& what, std::string hint = {})
      : std::runtime_error(what), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

}  // namespace rk
