// cmark-gfm rendering, its input bounds and the rendered-HTML cache.
#include "core/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "core/crypto.h"
#include "core/text_rules.h"

namespace samrad {

namespace {
constexpr size_t kCacheBytes = 64u << 20;  // HTML kept; cleared whole when full
constexpr size_t kCacheFrom = 512;         // shorter texts render faster than they hash

std::atomic<int64_t> renders{0};

class HtmlCache {
 public:
  bool Find(const std::string& key, std::string* html) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return false;
    *html = it->second;
    return true;
  }
  void Put(const std::string& key, const std::string& html) {
    std::lock_guard lock(mu_);
    if (bytes_ + html.size() > kCacheBytes) {
      map_.clear();
      bytes_ = 0;
    }
    if (map_.emplace(key, html).second) bytes_ += key.size() + html.size();
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> map_;
  size_t bytes_ = 0;
};

HtmlCache& Cache() {
  static HtmlCache* cache = new HtmlCache();  // never destroyed: used until exit
  return *cache;
}

std::string Render(const std::string& markdown) {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  ++renders;
  const int options = CMARK_OPT_DEFAULT;  // safe: no CMARK_OPT_UNSAFE
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser, ext);
    }
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
  std::string out = html ? html : "";
  free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}
}  // namespace

Status CheckMarkdown(const std::string& field, std::string_view markdown) {
  if (markdown.size() > kMaxMarkdownBytes) {
    return InvalidField(field, "must be at most " + std::to_string(kMaxMarkdownBytes) + " bytes");
  }
  if (Status s = CheckNoControlChars(field, markdown, true); !s.ok()) return s;
  // Every unescaped | may start a table cell; a row of n cells has at most
  // n + 1 of them.
  size_t pipes = 0;
  for (size_t i = 0; i < markdown.size(); ++i) {
    char c = markdown[i];
    if (c == '\n') {
      pipes = 0;
    } else if (c == '\\') {
      ++i;
    } else if (c == '|' && ++pipes > kMaxTableCells + 1) {
      return InvalidField(field, "a table row may have at most " + std::to_string(kMaxTableCells) +
                                     " cells (| separators)");
    }
  }
  return Status::Ok();
}

std::string RenderMarkdown(const std::string& markdown) {
  if (markdown.size() < kCacheFrom) return Render(markdown);
  std::string key = crypto::Sha256Hex(markdown);
  std::string html;
  if (Cache().Find(key, &html)) return html;
  html = Render(markdown);
  Cache().Put(key, html);
  return html;
}

int64_t MarkdownRenderCount() { return renders.load(); }

}  // namespace samrad
