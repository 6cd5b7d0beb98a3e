// Comment source.
#include "search/comment_source.h"

#include <unordered_map>

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
  d.state = "visible";
  return d;
}

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
    // Comments in id order belong to consultations all over: each
    // consultation is read once per rebuild, not once per page. nullopt
    // marks one the public cannot see.
    auto parents = std::make_shared<std::unordered_map<int64_t, std::optional<CommentParent>>>();
    return [comments, consultations, parents](int64_t after_id, int limit) -> Result<std::vector<IndexDocument>> {
      std::vector<IndexDocument> docs;
      // An empty answer means the end, so pages whose comments all belong to
      // consultations that are not public are passed over here.
      while (docs.empty()) {
        auto page = comments->ListVisibleForIndex(after_id, limit);
        if (!page.ok()) return page.status();
        if (page->empty()) break;
        after_id = page->back().id;
        for (const auto& k : page.value()) {
          auto [it, fresh] = parents->try_emplace(k.consultation_id);
          if (fresh) {
            auto c = consultations->Get(std::nullopt, k.consultation_id);
            if (c.ok()) {
              it->second = CommentParent::Of(c.value());
            } else if (c.status().code() != Code::kNotFound) {
              parents->erase(it);
              return c.status();
            }
          }
          if (it->second) docs.push_back(CommentDocument(k, *it->second));
        }
      }
      return docs;
    };
  });
}

}  // namespace samrad::search
