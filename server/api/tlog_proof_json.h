// The JSON bodies of the proof API (/api/v1/log/{seq}/proof and
// /api/v1/log/consistency), written straight into one string: a proof is a
// few dozen base64 hashes and needs no document tree. Keys come sorted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tlog_tree.h"

namespace samrad::server {

struct InclusionAnswer {
  int64_t seq = 0;
  int64_t index = 0;
  int64_t tree_size = 0;
  tlog::Hash leaf_hash;
  tlog::Hash root_hash;
  std::vector<tlog::Hash> hashes;
  const std::string* checkpoint = nullptr;  // the signed note, or null
};

struct ConsistencyAnswer {
  int64_t from = 0;
  int64_t to = 0;
  tlog::Hash from_root;
  tlog::Hash to_root;
  std::vector<tlog::Hash> hashes;
};

// {"checkpoint","hashes","index","leaf_hash","root_hash","seq","tree_size"}. Pure.
std::string InclusionJson(const InclusionAnswer& a);
// {"from","from_root","hashes","to","to_root"}. Pure.
std::string ConsistencyJson(const ConsistencyAnswer& a);

// Appends text as a JSON string literal (UTF-8 passes through). Pure.
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace samrad::server
