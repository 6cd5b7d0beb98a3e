// Comment source.
#include "search/comment_source.h"

#include <optional>
#include <unordered_map>
#include <utility>

#include "core/clock.h"

namespace samrad::search {

CommentParent CommentParent::Of(const Consultation& c) { return {c.id, c.title, c.language, c.area}; }

IndexDocument CommentDocument(const Comment& k, const CommentParent& c) {
  IndexDocument d;
  d.type = "comment";
  d.id = k.id;
  d.language = c.language == "en" ? "en" : "sv";
  d.title = (d.language == "en" ? "Comment on: " : "Kommentar till: ") + c.title;
  d.title_indexed = false;
  d.texts.push_back(k.body);
  d.area = c.area;
  d.url = "/consultations/" + std::to_string(c.id) + "#comment-" + std::to_string(k.id);
  d.date = ParseTime(k.created_at).value_or(0);
  return d;
}

namespace {
// The consultations of one rebuild's comments, each read once: comments in
// id order belong to consultations all over, so a cache per page would read
// nearly one consultation per comment.
class ParentCache {
 public:
  explicit ParentCache(std::shared_ptr<ConsultationService> consultations)
      : consultations_(std::move(consultations)) {}

  // The parent of a comment of consultation id; null when the public cannot
  // see that consultation. Valid until the cache goes.
  Result<const CommentParent*> Find(int64_t id) {
    auto it = parents_.find(id);
    if (it == parents_.end()) {
      auto c = consultations_->Get(std::nullopt, id);
      if (!c.ok() && c.status().code() != Code::kNotFound) return c.status();
      std::optional<CommentParent> parent;
      if (c.ok()) parent = CommentParent::Of(c.value());
      it = parents_.emplace(id, std::move(parent)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::shared_ptr<ConsultationService> consultations_;
  std::unordered_map<int64_t, std::optional<CommentParent>> parents_;
};
}  // namespace

void RegisterCommentSource(SourceRegistry& r, std::shared_ptr<CommentService> comments,
                           std::shared_ptr<ConsultationService> consultations) {
  r.Register("comment.", [comments, consultations](const Event& e) -> Result<std::vector<IndexAction>> {
    auto subject_id = SubjectId(e.subject);
    if (!subject_id) return std::vector<IndexAction>{};  // not an item's subject: nothing to index
    int64_t id = *subject_id;
    std::vector<IndexAction> remove = {IndexAction::Remove("comment/" + std::to_string(id))};
    auto k = comments->Get(id);
    if (!k.ok()) {
      if (k.status().code() == Code::kNotFound) return remove;
      return k.status();
    }
    if (k->hidden) return remove;
    auto c = consultations->Get(std::nullopt, k->consultation_id);
    if (!c.ok()) {
      if (c.status().code() == Code::kNotFound) return remove;
      return c.status();
    }
    return std::vector<IndexAction>{IndexAction::Put(CommentDocument(k.value(), CommentParent::Of(c.value())))};
  });
  r.RegisterBulkPerRebuild("comment.", [comments, consultations]() -> BulkSource {
    auto parents = std::make_shared<ParentCache>(consultations);
    return [comments, parents](int64_t after_id, int limit) -> Result<std::vector<IndexDocument>> {
      std::vector<IndexDocument> docs;
      // An empty answer means the end, so pages whose comments all belong to
      // consultations that are not public are passed over here.
      while (docs.empty()) {
        auto page = comments->ListVisibleForIndex(after_id, limit);
        if (!page.ok()) return page.status();
        if (page->empty()) break;
        after_id = page->back().id;
        for (const auto& k : page.value()) {
          auto parent = parents->Find(k.consultation_id);
          if (!parent.ok()) return parent.status();
          if (*parent) docs.push_back(CommentDocument(k, **parent));
        }
      }
      return docs;
    };
  });
}

}  // namespace samrad::search
