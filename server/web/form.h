// Posted web forms: parsing, the CSRF check, and the view of each field
// with its error tied to it (aria-describedby, aria-invalid) plus the error
// summary at the top of the form.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/http/message.h"
#include "server/web/page.h"

namespace samrad::server {

class WebForm {
 public:
  explicit WebForm(const ApiRequest& req);
  // The first value of the field, "" when absent.
  std::string Get(const std::string& name) const;
  std::vector<std::string> All(const std::string& name) const;
  // The names of fields whose text may not be stored: not valid UTF-8, a
  // control character (line breaks and tabs only in multi-line fields), or
  // longer than any field of the API allows. Empty when all are fine.
  std::vector<std::string> BadFields() const;

 private:
  std::multimap<std::string, std::string> fields_;
};

// The refusal for a post that is not a form (415), carries no valid CSRF
// token (403) or holds text that may not be stored (400, naming the
// fields), as a page; nullopt when the post may proceed. Every page that
// takes a post calls it first, so no handler sees such text.
// need_csrf false: for the few forms whose own fields are the proof (a
// token from an e-mail) or that are the same for every signed-out visitor.
std::optional<ApiResponse> CheckPost(WebContext& ctx, const WebForm& form, bool need_csrf = true);

// True when next is a path on this site that a browser cannot read as
// another host: one / followed by anything but / or \, no backslash, space
// or control character, also once percent-decoded (/%09/host is //host to
// a browser, which drops tabs). For the target after signing in. Pure.
bool IsSafeLocalPath(const std::string& next);

// A form's errors by field name. Field errors from a Status (JSON pointers
// such as /votes/for) go to the longest matching field name (votes_for);
// the rest are general.
struct FormErrors {
  std::map<std::string, std::string> fields;
  std::vector<std::string> general;
  bool empty() const { return fields.empty() && general.empty(); }
  void Add(const std::string& field, const std::string& message) { fields.emplace(field, message); }
};
FormErrors ErrorsFrom(const WebContext& ctx, const Status& s, const std::vector<std::string>& names);

// {id, name, label, value, hint, error, describedby, ...extra} for a field
// partial; the label is t.label_<name>, the hint t.hint_<name> if present.
// The id is "f-<name>", or extra.id_prefix + name when one page holds two
// forms with the same field names.
nlohmann::json FieldView(const WebContext& ctx, const std::string& name, const std::string& value,
                         const FormErrors& errors, nlohmann::json extra = nlohmann::json::object());
// {items: [{href, message}]} in the order of the names, general ones first
// (linked to the form's own id); null when there are no errors.
nlohmann::json ErrorSummary(const WebContext& ctx, const FormErrors& errors,
                            const std::vector<std::string>& names, const std::string& form_id,
                            const std::string& id_prefix = "f-");

}  // namespace samrad::server
