// The tlog-witness client.
#include "server/tlog_witness_client.h"

#include <algorithm>
#include <iostream>

#include "core/thread_name.h"
#include "core/tlog_store.h"
#include "server/http_client.h"

namespace samrad::server {

std::optional<WitnessClient::Witness> WitnessClient::Parse(const std::string& spec) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos) return std::nullopt;
  Witness w;
  w.url = spec.substr(0, eq);
  while (w.url.ends_with('/')) w.url.pop_back();
  auto key = tlog::ParseVerifierKey(spec.substr(eq + 1));
  if (w.url.empty() || !key) return std::nullopt;
  w.key = *key;
  return w;
}

void WitnessClient::Submit(const tlog::StoredCheckpoint& cp) {
  {
    std::lock_guard lock(mu_);
    pending_ = cp;
  }
  cv_.notify_all();
}

void WitnessClient::Start() {
  stop_ = false;
  // What each witness held when we last heard from it, so that the first
  // request after a restart carries the right old size.
  db_->Read([&](db::Connection& c) {
    for (auto& w : witnesses_) w.known_size = tlog::CheckpointStore::WitnessSize(c, w.key.name);
    return Status::Ok();
  });
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "witness");
}

void WitnessClient::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void WitnessClient::Run() {
  std::vector<bool> done(witnesses_.size(), true);
  std::optional<tlog::StoredCheckpoint> current;
  auto backoff = std::chrono::seconds(1);
  std::unique_lock lock(mu_);
  while (true) {
    bool waiting = std::find(done.begin(), done.end(), false) != done.end();
    // Unsent work waits at most the backoff; otherwise until something new.
    if (waiting) {
      cv_.wait_for(lock, backoff, [this] { return stop_ || pending_; });
    } else {
      cv_.wait(lock, [this] { return stop_ || pending_; });
    }
    if (pending_) {
      current = std::move(pending_);
      pending_.reset();
      done.assign(witnesses_.size(), false);
      backoff = std::chrono::seconds(1);
    }
    bool stopping = stop_;
    lock.unlock();
    bool all = true;
    for (size_t i = 0; i < witnesses_.size() && current; ++i) {
      if (!done[i]) done[i] = Send(witnesses_[i], *current);
      all = all && done[i];
    }
    if (!all) backoff = std::min(backoff * 2, std::chrono::seconds(300));
    lock.lock();
    if (stopping) return;
  }
}

void WitnessClient::Remember(Witness& w, int64_t size) {
  w.known_size = size;
  Status s = db_->Write([&](db::Connection& c) {
    tlog::CheckpointStore::SetWitnessSize(c, w.key.name, size, FormatTime(clock_->Now()));
    return Status::Ok();
  });
  if (!s.ok()) std::cerr << "samrad: cannot keep witness " << w.key.name << "'s size: " << s.message() << std::endl;
}

bool WitnessClient::Send(Witness& w, const tlog::StoredCheckpoint& cp) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (w.known_size > cp.size) {
      std::cerr << "samrad: witness " << w.key.name << " holds a larger tree (" << w.known_size << ") than checkpoint "
                << cp.size << std::endl;
      return true;
    }
    std::string body = "old " + std::to_string(w.known_size) + "\n";
    Status s = db_->Read([&](db::Connection& c) {
      for (const auto& h : tlog::ConsistencyProof(tlog::TreeStore::Reader(c), w.known_size, cp.size)) {
        body += tlog::Base64(h) + "\n";
      }
      return Status::Ok();
    });
    if (!s.ok()) return false;
    body += "\n" + cp.note;
    auto r = HttpPost(w.url + "/add-checkpoint", body, "text/plain; charset=utf-8", 10);
    if (r.status == 409 && r.content_type.starts_with("text/x.tlog.size")) {
      try {
        Remember(w, std::stoll(r.body));
        continue;  // again, from the size the witness holds
      } catch (const std::exception&) {
      }
    }
    if (r.status == 0 || r.status >= 500) {
      std::cerr << "samrad: witness " << w.url << " unreachable (" << (r.error.empty() ? std::to_string(r.status) : r.error)
                << "), retrying later" << std::endl;
      return false;
    }
    if (r.status != 200) {
      std::cerr << "samrad: witness " << w.url << " refused checkpoint " << cp.size << ": " << r.status << " " << r.body
                << std::endl;
      return true;
    }
    // Keep only the lines that are valid cosignatures by this witness.
    auto note = tlog::ParseNote(cp.note + r.body);
    bool kept = false;
    if (note) {
      for (const auto& sig : note->sigs) {
        if (sig.name != w.key.name || sig.id != w.key.id) continue;
        tlog::Note one{note->text, {sig}};
        if (tlog::CheckSignature(one, w.key) != tlog::SigCheck::kValid) continue;
        db_->Write([&](db::Connection& c) {
          tlog::CheckpointStore::AddCosignature(c, cp.size, w.key.name, sig.line, FormatTime(clock_->Now()));
          return Status::Ok();
        });
        kept = true;
      }
    }
    if (!kept) std::cerr << "samrad: witness " << w.url << " returned no valid cosignature" << std::endl;
    Remember(w, cp.size);
    return true;
  }
  return false;
}

}  // namespace samrad::server
