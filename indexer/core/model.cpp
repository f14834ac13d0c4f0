#include "indexer/core/model.hh"

namespace rk {

const char* to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading:
      return "heading";
    case BlockKind::list_item:
      return "list_item";
    case BlockKind::paragraph:
      break;
  }
  return "paragraph";
}

bool is_steering_kind(std::string_view kind) {
  return kind == "program" || kind == "plan" || kind == "policy" || kind == "guideline" ||
         kind == "strategy";
}

}  // namespace rk
