// Accounts and roles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace samrad {

enum class Role { kResident, kModerator, kOfficial, kAdmin };

std::string RoleName(Role r);
std::optional<Role> ParseRole(const std::string& name);

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  Role role = Role::kResident;
  bool public_name = false;  // show the display name publicly instead of a pseudonym
  std::string created_at;
  bool deleted = false;

  bool IsOfficial() const { return role == Role::kOfficial || role == Role::kAdmin; }
  bool IsModerator() const { return role == Role::kModerator || role == Role::kAdmin; }
  bool IsAdmin() const { return role == Role::kAdmin; }
};

// Who is acting: nullopt for an anonymous request.
using Actor = std::optional<User>;

}  // namespace samrad
