// The Solr query language CKAN clients send in package_search's q and fq:
// field:value, field:"a phrase", field:[A TO B] ranges (* open), field:(a OR
// b), +/-/NOT, OR, AND, parentheses and *:*; bare words are free text.
// Evaluated over CKAN package dicts, with Solr's AND as the default operator.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace samrad::opendata {

class CkanQuery {
 public:
  // kMalformed naming what is wrong (bad syntax, a field no package has).
  // `param` names the parameter in messages. Pure.
  static Result<CkanQuery> Parse(const std::string& text, const std::string& param);
  // True when pkg matches (an empty query matches every package). Pure.
  bool Matches(const nlohmann::json& pkg) const;

  struct Node;

 private:
  std::shared_ptr<const Node> root_;
};

// The values a package has for a field: tags, groups, res_format,
// organization, license_id, name, metadata_modified and so on (empty when
// none). Pure.
std::vector<std::string> CkanFieldValues(const nlohmann::json& pkg, const std::string& field);
// True for the fields CkanFieldValues knows (also usable as facets).
bool IsCkanField(const std::string& field);

}  // namespace samrad::opendata
