#include "query/cli.hh"

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"

namespace rk::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valued,
           const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    std::string a = argv[i];
    if (a == "--") {
      positional_.insert(positional_.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() < 2 || a.rfind("--", 0) != 0) {
      positional_.push_back(a);
      continue;
    }
    std::string value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      inline_value = true;
    }
    if (valued.count(a)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) throw UsageError("flaggan " + a + " behöver ett värde");
        value = argv[++i];
      }
      values_[a] = value;
    } else if (flags.count(a) && !inline_value) {
      flags_.insert(a);
    } else {
      throw UsageError("okänd flagga " + a);
    }
  }
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

unsigned Args::number(const std::string& name, unsigned fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  try {
    std::size_t used = 0;
    long v = std::stol(it->second, &used);
    if (used != it->second.size() || v < 0 || v > 1000000) throw std::out_of_range("range");
    return static_cast<unsigned>(v);
  } catch (const std::exception&) {
    throw UsageError(name + " ska vara ett heltal mellan 0 och 1000000, inte '" + it->second + "'");
  }
}

std::string Args::db() const { return value("--db", default_db_path()); }

}  // namespace rk::cli
