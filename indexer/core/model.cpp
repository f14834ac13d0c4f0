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

}  // namespace rk
