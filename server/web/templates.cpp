// Template rendering with kainjow mustache over JSON view models.
#include "server/web/templates.h"

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/resources.h"

namespace samrad::server {

namespace mustache = kainjow::mustache;
using nlohmann::json;

namespace {
constexpr std::string_view kPrefix = "server/web/templates/";
constexpr std::string_view kMessages = "server/web/messages/";
constexpr std::string_view kSuffix = ".mustache";

mustache::data ToData(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, ToData(v));
      return d;
    }
    case json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& v : j) d.push_back(ToData(v));
      return d;
    }
    case json::value_t::string: return mustache::data(j.get<std::string>());
    case json::value_t::boolean:
      return j.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false;
    case json::value_t::null:
    case json::value_t::discarded: return mustache::data::type::bool_false;
    default: return mustache::data(j.dump());
  }
}

// Template texts by name, read once from the embedded files.
const std::map<std::string, std::string>& Templates() {
  static const std::map<std::string, std::string> all = [] {
    std::map<std::string, std::string> m;
    for (const auto& [path, text] : resources::All()) {
      if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) continue;
      std::string_view name = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
      m.emplace(std::string(name), std::string(text));
    }
    return m;
  }();
  return all;
}

// kainjow parses a partial's text again at every use (for each comment of a
// thread, several times). A template is therefore parsed with its partials
// written in place, which renders the same, since partials here are not
// indented and share the including template's context and line. A partial
// that includes itself (a comment's replies) is written in place this many
// levels deep and left a partial below that.
constexpr int kInlineDepth = 4;

std::string Inlined(const std::string& text, int depth) {
  std::string out;
  size_t at = 0;
  for (size_t open = text.find("{{>", at); open != std::string::npos; open = text.find("{{>", at)) {
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 3, close - open - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    out.append(text, at, open - at);
    auto partial = Templates().find(name);
    if (depth < kInlineDepth && partial != Templates().end()) {
      out.append(Inlined(partial->second, depth + 1));
    } else {
      out.append(text, open, close + 2 - open);
    }
    at = close + 2;
  }
  return out.append(text, at);
}

// Each thread's parsed templates (render() is not const in kainjow, and
// keeps its error: a template that failed is parsed afresh next time).
std::map<std::string, std::unique_ptr<mustache::mustache>>& ParsedTemplates() {
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>> parsed;
  return parsed;
}

mustache::mustache& Parsed(const std::string& name) {
  auto& slot = ParsedTemplates()[name];
  if (!slot) {
    auto it = Templates().find(name);
    if (it == Templates().end()) throw std::runtime_error("no template " + name);
    slot = std::make_unique<mustache::mustache>(Inlined(it->second, 0));
    if (!slot->is_valid()) {
      std::string error = slot->error_message();
      slot.reset();
      throw std::runtime_error("template " + name + ": " + error);
    }
  }
  return *slot;
}
}  // namespace

std::string RenderTemplate(const std::string& name, const json& model) {
  mustache::mustache& tmpl = Parsed(name);
  mustache::data data = ToData(model);
  for (const auto& [partial, text] : Templates()) {
    const std::string* body = &text;
    data.set(partial, mustache::partial([body] { return *body; }));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    std::string error = tmpl.error_message();
    ParsedTemplates().erase(name);
    throw std::runtime_error("template " + name + ": " + error);
  }
  return out;
}

// The messages of a language: every server/web/messages/<area>.<lang>.json
// merged into one object. A key defined in two files is a mistake, refused
// when the catalogue is first read.
const json& MessageCatalogue(const std::string& lang) {
  static const std::map<std::string, json> catalogues = [] {
    std::map<std::string, json> m;
    for (const char* l : {"sv", "en"}) {
      json& merged = m[l] = json::object();
      const std::string suffix = std::string(".") + l + ".json";
      for (const auto& [path, text] : resources::All()) {
        if (!path.starts_with(kMessages) || !path.ends_with(suffix)) continue;
        const json part = json::parse(text);
        for (const auto& [key, value] : part.items()) {
          if (merged.contains(key)) throw std::runtime_error("message " + key + " defined twice (" + std::string(path) + ")");
          merged[key] = value;
        }
      }
    }
    return m;
  }();
  auto it = catalogues.find(lang);
  return it == catalogues.end() ? catalogues.at("sv") : it->second;
}

}  // namespace samrad::server
