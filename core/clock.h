// Time comes from an injected Clock so that tests can fix or move it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace samrad {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC. Thread-safe.
  virtual int64_t Now() const = 0;
};

class SystemClock : public Clock {
 public:
  int64_t Now() const override;
};

// Reads the time from a file holding epoch seconds, re-read on every call, so
// an end-to-end test can move time for a running server. Falls back to the
// system time when the file is missing or unreadable.
class FileClock : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}
  int64_t Now() const override;

 private:
  std::string path_;
};

// A clock set by hand (unit tests).
class FixedClock : public Clock {
 public:
  explicit FixedClock(int64_t now) : now_(now) {}
  int64_t Now() const override { return now_; }
  void Set(int64_t now) { now_ = now; }

 private:
  int64_t now_;
};

// SAMRAD_CLOCK_FILE selects a FileClock; otherwise the system clock.
std::shared_ptr<Clock> MakeClockFromEnvironment();

// RFC 3339 in UTC with a Z, e.g. 2026-11-27T16:14:29Z.
std::string FormatTime(int64_t epoch);
// Parses RFC 3339 (with Z or an offset, optional fraction) or a plain date
// (midnight UTC). nullopt when the text is not such a time.
std::optional<int64_t> ParseTime(const std::string& text);

}  // namespace samrad
