// A small recursive-descent parser and evaluator for CKAN's Solr queries.
#include "opendata/ckan_query.h"

#include <algorithm>
#include <cstring>
#include <optional>

#include "opendata/ckan_api.h"

namespace samrad::opendata {

using nlohmann::json;

struct CkanQuery::Node {
  enum class Kind { kAll, kText, kTerm, kRange, kGroup, kOr } kind = Kind::kAll;
  std::string field, value;       // kTerm, kText (value lower-cased)
  std::string lo, hi;             // kRange; "*" is open
  bool lo_incl = true, hi_incl = true;
  // kGroup: clauses, each required or prohibited; kOr: any of them.
  std::vector<std::pair<bool, std::shared_ptr<const Node>>> children;  // (prohibited, node)
};

namespace {
using Node = CkanQuery::Node;
using NodePtr = std::shared_ptr<const Node>;

const std::vector<std::string>& Fields() {
  static const std::vector<std::string> kFields = {
      "tags", "groups", "res_format", "organization", "owner_org", "license_id", "name", "id",
      "title", "notes", "text", "type", "dataset_type", "theme", "language", "capacity",
      "metadata_modified", "metadata_created", "state"};
  return kFields;
}

bool IsDateField(const std::string& f) { return f == "metadata_modified" || f == "metadata_created"; }

// A Solr date as CKAN writes times (2026-01-01T00:00:00.000000); nullopt if
// it is not one.
std::optional<std::string> NormalDate(std::string v) {
  if (!v.empty() && v.back() == 'Z') v.pop_back();
  if (v.size() == 10) v += "T00:00:00";
  if (v.size() == 19) v += ".000000";
  if (v.size() < 20 || v.size() > 26 || v[4] != '-' || v[10] != 'T' || v[19] != '.') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (!std::isdigit(static_cast<unsigned char>(v[i]))) return std::nullopt;
  }
  v.resize(26, '0');
  return v;
}

// Solr's * and ? wildcards.
bool Glob(const char* p, const char* s) {
  if (!*p) return !*s;
  if (*p == '*') return Glob(p + 1, s) || (*s && Glob(p, s + 1));
  return *s && (*p == '?' || *p == *s) && Glob(p + 1, s + 1);
}

class Parser {
 public:
  Parser(const std::string& text, const std::string& param) : t_(text), param_(param) {}

  Result<NodePtr> Parse() {
    auto g = Group("");
    if (!g.ok()) return g;
    if (i_ < t_.size()) return Error("an unmatched ')'");
    return g;
  }

 private:
  Status Error(const std::string& what) const {
    return Status(Code::kMalformed, param_ + ": " + what + " at character " + std::to_string(i_ + 1) +
                                        " of '" + t_ + "'");
  }
  void Space() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n')) ++i_;
  }
  bool Keyword(const char* k) {
    size_t n = std::strlen(k);
    if (t_.compare(i_, n, k) != 0) return false;
    if (i_ + n < t_.size() && t_[i_ + n] != ' ' && t_[i_ + n] != '(') return false;
    i_ += n;
    return true;
  }
  bool Special(char c) const { return c == ' ' || c == '(' || c == ')' || c == '\t' || c == '\n'; }
  std::string Word() {
    std::string w;
    while (i_ < t_.size() && !Special(t_[i_])) {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) ++i_;
      w.push_back(t_[i_++]);
    }
    return w;
  }

  // Clauses up to ')' or the end; `field` is the default field ("" free text).
  Result<NodePtr> Group(const std::string& field) {
    auto g = std::make_shared<Node>();
    g->kind = Node::Kind::kGroup;
    bool pending_or = false;
    for (;;) {
      Space();
      if (i_ >= t_.size() || t_[i_] == ')') break;
      if (Keyword("AND") || Keyword("&&")) continue;
      if (Keyword("OR") || Keyword("||")) {
        if (g->children.empty()) return Error("OR with nothing before it");
        pending_or = true;
        continue;
      }
      bool prohibited = false;
      if (t_[i_] == '+') {
        ++i_;
      } else if (t_[i_] == '-' || t_[i_] == '!') {
        ++i_, prohibited = true;
      } else if (Keyword("NOT")) {
        Space(), prohibited = true;
      }
      auto node = Primary(field);
      if (!node.ok()) return node;
      if (pending_or) {
        auto& [last_prohibited, last] = g->children.back();
        auto either = std::make_shared<Node>();
        either->kind = Node::Kind::kOr;
        if (last->kind == Node::Kind::kOr && !last_prohibited) {
          either->children = last->children;
        } else {
          either->children.push_back({last_prohibited, last});
        }
        either->children.push_back({prohibited, node.value()});
        g->children.back() = {false, either};
        pending_or = false;
      } else {
        g->children.push_back({prohibited, node.value()});
      }
    }
    if (pending_or) return Error("OR with nothing after it");
    return NodePtr(g);
  }

  Result<NodePtr> Primary(const std::string& field) {
    if (i_ < t_.size() && t_[i_] == '(') {
      ++i_;
      auto g = Group(field);
      if (!g.ok()) return g;
      if (i_ >= t_.size() || t_[i_] != ')') return Error("a '(' without its ')'");
      ++i_;
      return g;
    }
    // field: when a name and a colon come first.
    size_t j = i_;
    while (j < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[j])) || t_[j] == '_' ||
                             t_[j] == '.' || t_[j] == '*')) {
      ++j;
    }
    if (field.empty() && j < t_.size() && j > i_ && t_[j] == ':') {
      std::string f = t_.substr(i_, j - i_);
      i_ = j + 1;
      if (f == "*" && t_.compare(i_, 1, "*") == 0) {
        ++i_;
        return NodePtr(std::make_shared<Node>());
      }
      if (!IsCkanField(f)) {
        return Status(Code::kMalformed, param_ + " cannot search the field " + f + " (use one of " +
                                            [] {
                                              std::string s;
                                              for (const auto& k : Fields()) s += (s.empty() ? "" : ", ") + k;
                                              return s;
                                            }() + ")");
      }
      if (i_ < t_.size() && t_[i_] == '(') return Primary(f);
      return Value(f);
    }
    return Value(field);
  }

  Result<NodePtr> Value(const std::string& field) {
    auto n = std::make_shared<Node>();
    n->field = field.empty() ? "text" : field;
    n->kind = field.empty() ? Node::Kind::kText : Node::Kind::kTerm;
    if (i_ < t_.size() && (t_[i_] == '[' || t_[i_] == '{')) {
      n->kind = Node::Kind::kRange;
      n->lo_incl = t_[i_++] == '[';
      Space();
      n->lo = Word();
      Space();
      if (!Keyword("TO")) return Error("a range without TO");
      Space();
      n->hi = Word();
      if (n->hi.ends_with("]") || n->hi.ends_with("}")) {
        n->hi_incl = n->hi.back() == ']';
        n->hi.pop_back();
      } else {
        Space();
        if (i_ >= t_.size() || (t_[i_] != ']' && t_[i_] != '}')) return Error("a range without its end");
        n->hi_incl = t_[i_++] == ']';
      }
      for (std::string* bound : {&n->lo, &n->hi}) {
        if (*bound == "*" || !IsDateField(n->field)) continue;
        auto d = NormalDate(*bound);
        if (!d) return Error("'" + *bound + "' is not a time such as 2026-01-01T00:00:00Z");
        *bound = *d;
      }
      return NodePtr(n);
    }
    if (i_ < t_.size() && t_[i_] == '"') {
      size_t end = t_.find('"', i_ + 1);
      if (end == std::string::npos) return Error("a '\"' without its end");
      n->value = t_.substr(i_ + 1, end - i_ - 1);
      i_ = end + 1;
    } else {
      n->value = Word();
      if (n->value.empty()) return Error("a missing value");
    }
    if (IsDateField(n->field) && n->value != "*") {
      auto d = NormalDate(n->value);
      if (!d) return Error("'" + n->value + "' is not a time such as 2026-01-01T00:00:00Z");
      n->value = *d;
    }
    if (n->kind == Node::Kind::kText) n->value = Lower(n->value);
    return NodePtr(n);
  }

  const std::string& t_;
  std::string param_;
  size_t i_ = 0;
};

bool Eval(const Node& n, const json& pkg) {
  switch (n.kind) {
    case Node::Kind::kAll:
      return true;
    case Node::Kind::kGroup: {
      for (const auto& [prohibited, c] : n.children) {
        if (Eval(*c, pkg) == prohibited) return false;
      }
      return true;
    }
    case Node::Kind::kOr:
      return std::any_of(n.children.begin(), n.children.end(),
                         [&](const auto& c) { return Eval(*c.second, pkg) != c.first; });
    case Node::Kind::kRange:
      for (const auto& v : CkanFieldValues(pkg, n.field)) {
        bool above = n.lo == "*" || (n.lo_incl ? v >= n.lo : v > n.lo);
        bool below = n.hi == "*" || (n.hi_incl ? v <= n.hi : v < n.hi);
        if (above && below) return true;
      }
      return false;
    case Node::Kind::kText:
    case Node::Kind::kTerm: {
      // Text fields match words anywhere, case-insensitively; string fields
      // (tags, formats, names) match whole values, as Solr's schema has them.
      bool text = n.kind == Node::Kind::kText || n.field == "title" || n.field == "notes" ||
                  n.field == "text";
      for (const auto& v : CkanFieldValues(pkg, n.field)) {
        if (text ? Lower(v).find(Lower(n.value)) != std::string::npos
                 : (n.value.find_first_of("*?") != std::string::npos
                        ? Glob(n.value.c_str(), v.c_str())
                        : v == n.value)) {
          return true;
        }
      }
      return false;
    }
  }
  return false;
}
}  // namespace

bool IsCkanField(const std::string& field) {
  return std::find(Fields().begin(), Fields().end(), field) != Fields().end();
}

std::vector<std::string> CkanFieldValues(const json& pkg, const std::string& field) {
  std::vector<std::string> v;
  auto each = [&](const char* list, const char* key) {
    for (const auto& x : pkg[list]) v.push_back(x[key]);
  };
  if (field == "tags") {
    each("tags", "name");
  } else if (field == "groups") {
    each("groups", "name");
  } else if (field == "res_format") {
    each("resources", "format");
  } else if (field == "organization") {
    v.push_back(pkg["organization"]["name"]);
  } else if (field == "dataset_type") {
    v.push_back(pkg["type"]);
  } else if (field == "capacity") {
    v.push_back("public");
  } else if (field == "text") {
    for (const char* f : {"name", "title", "notes"}) v.push_back(pkg[f]);
    each("tags", "name");
  } else if (pkg.contains(field) && pkg[field].is_string()) {
    v.push_back(pkg[field]);
  }
  return v;
}

Result<CkanQuery> CkanQuery::Parse(const std::string& text, const std::string& param) {
  CkanQuery q;
  auto root = Parser(text, param).Parse();
  if (!root.ok()) return root.status();
  q.root_ = root.value();
  return q;
}

bool CkanQuery::Matches(const json& pkg) const { return !root_ || Eval(*root_, pkg); }

}  // namespace samrad::opendata
