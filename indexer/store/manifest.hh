// The manifest: optional overrides of inferred metadata (docs/manifest.md).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

struct ManifestEntry {
  std::filesystem::path file;  // absolute, lexically normal
  int part = 0;                // 0: the whole file (or every part); N: part N of a bundle
  int line = 0;                // where the section starts in the manifest
  std::map<std::string, std::string> fields;
};

class Manifest {
 public:
  // Parses a manifest; throws UsageError("FILE:LINE: reason") on the first error.
  static Manifest load(const std::filesystem::path& path);
  static Manifest parse(const std::string& text, const std::filesystem::path& path);

  // The overrides for a file's part (part 0 = whole file), most specific last.
  std::vector<const ManifestEntry*> entries_for(const std::filesystem::path& file, int part) const;

  // Applies the overrides to a stored document (id, title, kind, ...).
  void apply(const std::filesystem::path& file, int part, Document& doc) const;

  const std::filesystem::path& path() const { return path_; }
  const std::vector<ManifestEntry>& entries() const { return entries_; }

 private:
  std::filesystem::path path_;
  std::vector<ManifestEntry> entries_;
};

// Whether a kind is one of ours.
bool is_known_kind(const std::string& kind);

}  // namespace rk
