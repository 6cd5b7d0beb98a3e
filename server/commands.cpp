// Command implementations: thin wrappers over the services.
#include "server/commands.h"

#include <csignal>
#include <iostream>

#include "core/demo_data.h"
#include "core/event_log.h"
#include "core/tlog_verify.h"
#include "server/api_service.h"
#include "server/app.h"
#include "server/http/server.h"
#include "server/tlog_witness_client.h"
#include "server/websub_setup.h"

namespace samrad::server {

namespace {
std::shared_ptr<App> OpenOrSay(const std::string& data, bool create) {
  auto app = App::Open(data, create);
  if (!app.ok()) {
    std::cerr << "samrad: " << app.status().message() << std::endl;
    return nullptr;
  }
  return app.value();
}
}  // namespace

int RunServe(const std::string& data, const ServeOptions& options, size_t max_body,
             const opendata::OpenDataOptions& open_data, const AccessPolicy& access,
             const LogOptions& log, const mail::MailOptions& mail) {
  // Block the stop signals in every thread (Pistache's threads inherit the
  // mask), then wait for them here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto app = OpenOrSay(data, true);
  if (!app) return 2;
  if (Status s = app->search->StartWriter(); !s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 2;
  }
  app->notifier->Start();
  auto public_base = [&](uint16_t port) {
    std::string base = options.base_url.empty()
                           ? "http://" + options.host + ":" + std::to_string(port)
                           : options.base_url;
    while (base.ends_with('/')) base.pop_back();
    return base;
  };
  app->base_url = public_base(options.port);
  app->opendata->Configure(open_data);
  app->opendata->SetBaseUrl(app->base_url);
  app->secure_cookies = options.secure_cookies;
  app->accounts->SetRegistrationLimit(options.registrations_per_hour);
  app->subscriptions->SetClientLimit(options.follows_per_hour);
  app->accounts->SetSessionIdle(int64_t{options.session_idle_days} * 24 * 3600);
  app->access = access;
  auto websub = SetUpWebSub(*app, options.websub_allow);
  app->cache_bytes = options.cache_mb << 20;
  app->report_cache_bytes = options.report_cache_mb << 20;
  auto api = std::make_shared<ApiService>(app, max_body);
  api->SetReadCacheBytes(app->ReadCacheBytes());
  auto mail_sender = mail::MakeMailSender(app->db, app->clock, mail, mail::HostOf(public_base(options.port)));
  if (!mail_sender.ok()) {
    std::cerr << "samrad: " << mail_sender.status().message() << std::endl;
    return 2;
  }
  std::shared_ptr<mail::MailSender> sender = std::move(mail_sender).value();
  app->db->OnCommit([weak = std::weak_ptr<mail::MailSender>(sender)] {
    if (auto s = weak.lock()) s->Wake();
  });
  ServeOptions serve_options = options;
  serve_options.guard.exempt_addresses = access.trusted_proxies;
  HttpServer server(api, serve_options);
  if (Status s = server.Start(); !s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 2;
  }
  // With --port 0 the port is known only now; set before the address is
  // announced, so clients that wait for it see the right links.
  if (options.port == 0) {
    app->base_url = public_base(server.port());
    app->opendata->SetBaseUrl(app->base_url);
  }
  auto tlog = OpenTransparencyLog(app->db, app->clock,
                                  log.origin.empty() ? tlog::OriginFromBaseUrl(app->base_url) : log.origin);
  if (!tlog.ok()) {
    std::cerr << "samrad: " << tlog.status().message() << std::endl;
    return 2;
  }
  app->tlog = tlog.value();
  std::vector<WitnessClient::Witness> witnesses;
  for (const auto& spec : log.witnesses) {
    auto w = WitnessClient::Parse(spec);
    if (!w) {
      std::cerr << "samrad: --witness wants URL=VKEY: " << spec << std::endl;
      return 2;
    }
    witnesses.push_back(*w);
  }
  auto witness_client = std::make_shared<WitnessClient>(app->db, app->clock, std::move(witnesses));
  app->tlog->OnSigned([witness_client](const tlog::StoredCheckpoint& cp) { witness_client->Submit(cp); });
  app->tlog->set_witnessed(!log.witnesses.empty());
  if (!log.witnesses.empty()) witness_client->Start();
  app->tlog->Start();
  sender->Start(app->base_url);
  websub->Start(app->base_url);
  std::cout << "samrad listening on http://" << options.host << ":" << server.port() << std::endl;
  std::cout << "samrad: e-mail goes to " << sender->Describe() << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  std::cout << "samrad: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM")
            << "), finishing requests in flight" << std::endl;
  server.Drain(10000);
  sender->Stop();
  app->search->StopWriter();
  app->notifier->Stop();
  websub->Stop();
  app->tlog->Stop();  // signs the last checkpoint
  witness_client->Stop();
  std::cout << "samrad: stopped" << std::endl;
  return 0;
}

int RunCreateUser(const std::string& data, const std::string& email, const std::string& password,
                  const std::string& name, const std::string& role) {
  auto r = ParseRole(role);
  if (!r) {
    std::cerr << "samrad: unknown role '" << role
              << "' (resident, moderator, official, admin)" << std::endl;
    return 2;
  }
  auto app = OpenOrSay(data, true);
  if (!app) return 2;
  auto u = app->accounts->Register({email, password, name, *r, true}, "admin");
  if (!u.ok()) {
    Status st = u.status();
    std::cerr << "samrad: " << st.message();
    for (const auto& e : st.errors()) std::cerr << " (" << e.field << ": " << e.message << ")";
    std::cerr << std::endl;
    return 1;
  }
  std::cout << "created user " << u->id << " <" << u->email << "> as " << role << std::endl;
  return 0;
}

int RunDemoData(const std::string& data) {
  auto app = OpenOrSay(data, true);
  if (!app) return 2;
  // The demo dataset goes through the upload's own path, checks and all.
  auto publish = [&app](const User& official, const DemoDataset& d) -> Status {
    opendata::UploadMeta meta{d.name, d.title, d.description, d.theme, d.license, "sv", d.keywords};
    auto r = app->opendata->Publish(Actor(official), meta, d.csv);
    return r.ok() ? Status::Ok() : r.status();
  };
  auto s = LoadDemoData(*app->accounts, *app->consultations, app->clock->Now(),
                        app->comments.get(), app->moderation.get(), app->decisions.get(), publish);
  if (!s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 1;
  }
  std::cout << "demo data loaded into " << data << std::endl;
  return 0;
}

int RunVerifyLog(const std::string& data) {
  auto app = OpenOrSay(data, false);
  if (!app) return 2;
  VerifyReport v;
  Status s = app->db->Read([&](db::Connection& c) {
    v = EventLog::Verify(c);
    return Status::Ok();
  });
  if (!s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 2;
  }
  if (!v.ok) {
    std::cout << "BROKEN at seq " << *v.first_bad_seq << ": " << v.problem << std::endl;
    return 1;
  }
  // The Merkle tree and the signed checkpoints, recomputed from the events.
  tlog::TreeCheck t;
  auto key = tlog::SigningKey::Load(LogKeyPath(data));
  s = app->db->Read([&](db::Connection& c) {
    t = tlog::VerifyTree(c, key.ok() ? &key.value().verifier() : nullptr);
    return Status::Ok();
  });
  if (!s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 2;
  }
  if (!t.ok) {
    std::cout << "BROKEN Merkle tree: " << t.problem << std::endl;
    return 1;
  }
  std::cout << "ok: " << v.entries << " entries, head " << v.head_hash << ", Merkle root " << t.root;
  if (t.checkpoint_size >= 0) std::cout << ", agrees with the signed checkpoint of size " << t.checkpoint_size;
  std::cout << std::endl;
  return 0;
}

int RunLogKey(const std::string& data, const std::string& origin) {
  auto app = OpenOrSay(data, false);
  if (!app) return 2;
  auto key = tlog::SigningKey::Load(LogKeyPath(data));
  if (!key.ok() && key.status().code() == Code::kNotFound) key = tlog::SigningKey::LoadOrCreate(LogKeyPath(data), origin);
  if (!key.ok()) {
    std::cerr << "samrad: " << key.status().message() << std::endl;
    return 2;
  }
  std::cout << key.value().VerifierKey() << std::endl;
  return 0;
}

int RunBackup(const std::string& data, const std::string& to) {
  auto app = OpenOrSay(data, false);
  if (!app) return 2;
  if (Status s = app->db->Backup(to); !s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 1;
  }
  std::cout << "backup written to " << to << std::endl;
  return 0;
}

}  // namespace samrad::server
