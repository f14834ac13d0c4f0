// Bundle splitting and metadata inference. A council case file (handling)
// holds many documents: the proposal, party statements, staff reports, old
// and new policy, responses, compilations, minutes, decisions. We split it
// into its documents and infer what each one is from its text.
#pragma once

#include <string_view>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// Splits the blocks of one file into its documents and infers each part's
// title, kind, author, date, responds_to_title and replaces_title. A file
// that is not a bundle yields one part. `file_meta` carries what the file's
// own metadata said (title, author, date), which wins over inference for a
// single-part file. `file_name` is the file's name (hints such as "remissvar").
std::vector<DocumentPart> split_documents(const std::vector<Block>& blocks,
                                          const ReadResult& file_meta, std::string_view file_name);

// Infers the metadata of one document from its blocks (used by the above).
void infer_metadata(DocumentPart& part, std::string_view file_name);

}  // namespace rk
