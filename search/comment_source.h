// The comment source: visible comments of published consultations become
// search documents (their text only; author names are never indexed).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "search/source_registry.h"

namespace samrad::search {

// What a comment's document takes from its consultation: small enough to
// keep for every consultation during a rebuild.
struct CommentParent {
  int64_t id = 0;
  std::string title;
  std::string language;
  std::optional<std::string> area;

  static CommentParent Of(const Consultation& c);
};

// The document for a visible comment; language and area follow its
// consultation, the title names the consultation.
IndexDocument CommentDocument(const Comment& k, const CommentParent& c);

// Registers for "comment." events: reads the comment through CommentService
// and its consultation as an anonymous reader. A hidden comment, or one whose
// consultation the public cannot see, is removed; edits and restores re-put.
void RegisterCommentSource(SourceRegistry& r, std::shared_ptr<CommentService> comments,
                           std::shared_ptr<ConsultationService> consultations);

}  // namespace samrad::search
