// Word diff: tokens are words, runs of spaces and paragraph breaks; the
// common prefix and suffix are set aside, the middle compared by longest
// common subsequence.
#include "server/web/word_diff.h"

#include <algorithm>
#include <cstdint>

#include "core/markdown.h"

namespace samrad::server {

namespace {
constexpr size_t kMaxCells = 4'000'000;  // LCS table size beyond which the middle is replaced whole

bool IsBlockTag(const std::string& name) {
  static const std::vector<std::string> kBlocks = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br",
                                                   "tr", "pre", "blockquote", "ul", "ol", "table", "hr"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

// cmark-gfm writes text as UTF-8 and escapes only these.
std::string Decode(const std::string& entity) {
  if (entity == "amp") return "&";
  if (entity == "lt") return "<";
  if (entity == "gt") return ">";
  if (entity == "quot") return "\"";
  if (entity == "apos" || entity == "#39") return "'";
  return "&" + entity + ";";
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

enum class Kind { kWord, kSpace, kBreak };
struct Token {
  Kind kind;
  std::string text;
  bool operator==(const Token& o) const { return kind == o.kind && text == o.text; }
};

std::vector<Token> Tokens(const std::string& text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\n') {
      out.push_back({Kind::kBreak, "\n"});
      ++i;
      continue;
    }
    bool space = c == ' ' || c == '\t';
    size_t j = i;
    while (j < text.size() && text[j] != '\n' && ((text[j] == ' ' || text[j] == '\t') == space)) ++j;
    out.push_back({space ? Kind::kSpace : Kind::kWord, space ? " " : text.substr(i, j - i)});
    i = j;
  }
  return out;
}

enum class Op { kSame, kDel, kIns };

// Edit script of the middle parts by LCS (a and b small enough).
std::vector<std::pair<Op, const Token*>> Script(const std::vector<Token>& a, size_t a0, size_t a1,
                                                const std::vector<Token>& b, size_t b0, size_t b1) {
  size_t n = a1 - a0, m = b1 - b0;
  std::vector<std::pair<Op, const Token*>> out;
  if (n * m > kMaxCells) {
    for (size_t i = a0; i < a1; ++i) out.push_back({Op::kDel, &a[i]});
    for (size_t j = b0; j < b1; ++j) out.push_back({Op::kIns, &b[j]});
    return out;
  }
  std::vector<uint32_t> len((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t& { return len[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[a0 + i] == b[b0 + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[a0 + i] == b[b0 + j]) {
      out.push_back({Op::kSame, &a[a0 + i]});
      ++i, ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      out.push_back({Op::kDel, &a[a0 + i++]});  // deletions first: "<del>old</del><ins>new</ins>"
    } else {
      out.push_back({Op::kIns, &b[b0 + j++]});
    }
  }
  return out;
}

// Writes runs of the same operation together; a paragraph break closes
// the paragraph whatever the operation, so marks never span paragraphs.
class DiffWriter {
 public:
  void Add(Op op, const Token& t) {
    if (t.kind == Kind::kBreak) {
      Close();
      if (open_para_) out_ += "</p>\n";
      open_para_ = false;
      return;
    }
    if (!open_para_) {
      out_ += "<p>";
      open_para_ = true;
    }
    if (op != run_) Close();
    if (op != Op::kSame && run_ == Op::kSame) out_ += op == Op::kDel ? "<del>" : "<ins>";
    run_ = op;
    out_ += Escape(t.text);
  }
  std::string Finish() {
    Close();
    if (open_para_) out_ += "</p>";
    return out_;
  }

 private:
  void Close() {
    if (run_ == Op::kDel) out_ += "</del>";
    if (run_ == Op::kIns) out_ += "</ins>";
    run_ = Op::kSame;
  }
  std::string out_;
  Op run_ = Op::kSame;
  bool open_para_ = false;
};
}  // namespace

std::string VisibleText(const std::string& html) {
  std::string out;
  size_t i = 0;
  auto newline = [&] {
    if (!out.empty() && out.back() != '\n') out += '\n';
  };
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string::npos) break;
      std::string tag = html.substr(i + 1, end - i - 1);
      if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
      size_t stop = tag.find_first_of(" \t\n/");
      std::string name = tag.substr(0, stop);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (IsBlockTag(name)) newline();
      i = end + 1;
    } else if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi == std::string::npos || semi - i > 10) {
        out += c;
        ++i;
        continue;
      }
      out += Decode(html.substr(i + 1, semi - i - 1));
      i = semi + 1;
    } else if (c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != '\n' && out.back() != ' ') out += ' ';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  // A space left at a line's end or start is no word: drop it.
  std::string clean;
  for (size_t k = 0; k < out.size(); ++k) {
    if (out[k] == ' ' && ((k + 1 < out.size() && out[k + 1] == '\n') || (!clean.empty() && clean.back() == '\n')))
      continue;
    clean += out[k];
  }
  return clean;
}

std::string WordDiffHtml(const std::string& before, const std::string& after) {
  std::vector<Token> a = Tokens(before), b = Tokens(after);
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  DiffWriter w;
  for (size_t i = 0; i < pre; ++i) w.Add(Op::kSame, a[i]);
  for (const auto& [op, t] : Script(a, pre, a.size() - suf, b, pre, b.size() - suf)) w.Add(op, *t);
  for (size_t i = a.size() - suf; i < a.size(); ++i) w.Add(Op::kSame, a[i]);
  return w.Finish();
}

std::string MarkdownDiffHtml(const std::string& before_md, const std::string& after_md) {
  return WordDiffHtml(VisibleText(RenderMarkdown(before_md)), VisibleText(RenderMarkdown(after_md)));
}

}  // namespace samrad::server
