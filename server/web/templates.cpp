// Template rendering with kainjow mustache over JSON view models.
#include "server/web/templates.h"

#include <kainjow/mustache.hpp>
#include <map>
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
}  // namespace

std::string RenderTemplate(const std::string& name, const json& model) {
  auto it = Templates().find(name);
  if (it == Templates().end()) throw std::runtime_error("no template " + name);
  mustache::mustache tmpl{it->second};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  mustache::data data = ToData(model);
  for (const auto& [partial, text] : Templates()) {
    const std::string* body = &text;
    data.set(partial, mustache::partial([body] { return *body; }));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
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
