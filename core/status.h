// Status and Result<T>: how every service reports success or a coded failure.
// Library exceptions are caught at module edges and turned into these.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace samrad {

enum class Code {
  kOk,
  kInvalidArgument,   // the request is well-formed but its content is invalid (422)
  kMalformed,         // the request cannot be parsed at all (400)
  kNotFound,
  kConflict,          // the state of the resource forbids it (409)
  kPermissionDenied,  // signed in, but not allowed (403)
  kUnauthenticated,   // not signed in (401)
  kTooManyRequests,   // a rate limit (429)
  kTooLarge,          // over a size limit (413)
  kUnavailable,
  kInternal,
};

// One failing field of a request, named by its JSON pointer.
struct FieldError {
  std::string field;
  std::string message;
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::vector<FieldError> errors = {})
      : code_(code), message_(std::move(message)), errors_(std::move(errors)) {}
  static Status Ok() { return {}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> errors_;
};

inline Status Invalid(std::string msg, std::vector<FieldError> errors = {}) {
  return {Code::kInvalidArgument, std::move(msg), std::move(errors)};
}
inline Status InvalidField(const std::string& field, const std::string& msg) {
  return {Code::kInvalidArgument, msg, {{field, msg}}};
}
inline Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
inline Status Conflict(std::string msg) { return {Code::kConflict, std::move(msg)}; }
inline Status Forbidden(std::string msg) { return {Code::kPermissionDenied, std::move(msg)}; }
inline Status Unauthenticated(std::string msg) { return {Code::kUnauthenticated, std::move(msg)}; }
inline Status Internal(std::string msg) { return {Code::kInternal, std::move(msg)}; }

// A value or the Status saying why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T* operator->() const { return &std::get<T>(v_); }
  const T& operator*() const { return std::get<T>(v_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace samrad
