// A page rendered once for every signed-in reader of the same role, with
// placeholders where it is personal (form tokens, the unread count, regions
// such as a comment's own-comment marks and pressed reactions), filled in
// for each reader from a few small facts about them (PersonalParts).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samrad::server {

// What one reader sees in the placeholders of a personal page.
struct PersonalParts {
  int64_t user_id = 0;
  std::string token;                          // the CSRF token of the reader's forms
  int64_t unread = 0;                         // unread notifications
  std::map<int64_t, std::string> reactions;   // comment id -> "support" | "oppose"
  bool following = false;                     // follows what the page shows
};

// The placeholders a render writes in place of personal parts: control
// characters around a random number drawn once per process, which no
// reader ever sees, so no text a user typed can spell one.
class PersonalMarks {
 public:
  static std::string Token();             // the reader's form token
  static std::string Unread();            // the reader's unread count
  static std::string Begin(size_t slot);  // a region that differs by reader...
  static std::string End();               // ...ends here (regions do not nest)
};

// What a region is and, with PersonalParts, which of its forms a reader gets.
enum class SlotKind {
  kComment,  // forms: as anyone sees it, supported, opposed, as its author sees it
  kFollow,   // forms: not following, following
  kUnread,   // one form, shown only when there is something unread
};
struct SlotInfo {
  SlotKind kind = SlotKind::kComment;
  int64_t comment_id = 0;
  int64_t author_id = 0;
};
inline constexpr size_t kSupported = 1, kOpposed = 2, kOwn = 3;  // comment forms after the first

class PersonalPage {
 public:
  // The page from html, rendered with PersonalMarks, and the slots its
  // regions Begin(n)...End() stand for (slots[n]). variants holds regions
  // with the forms of slots, each slot's in order; when a slot has any, the
  // first must be the same as its region in html (so both were rendered
  // alike), else its region is its only form. nullopt when the marks do not
  // add up: a region missing, twice or nested, a stray control character
  // \x01, or a first form that differs. Pure.
  static std::optional<PersonalPage> Make(const std::string& html, std::vector<SlotInfo> slots,
                                          const std::string& variants);

  // The page for one reader. Thread-safe (const).
  std::string Fill(const PersonalParts& p) const;

  // The comments with a region, for the reader's reactions on them.
  std::vector<int64_t> CommentIds() const;
  bool HasFollow() const;
  size_t bytes() const { return bytes_; }

 private:
  struct Part {
    enum Kind { kText, kToken, kUnread, kSlot } kind = kText;
    std::string text;  // kText
    size_t slot = 0;   // kSlot
  };
  using Parts = std::vector<Part>;
  struct Slot {
    SlotInfo info;
    std::vector<Parts> forms;
  };
  void Append(const Parts& parts, const PersonalParts& p, std::string& out) const;
  size_t Choose(const Slot& s, const PersonalParts& p) const;  // forms.size() for none

  Parts parts_;
  std::vector<Slot> slots_;
  size_t bytes_ = 0;       // held in memory, about
  size_t page_bytes_ = 0;  // of one filled page, about
};

}  // namespace samrad::server
