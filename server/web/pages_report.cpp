// The consultation report: /consultations/{id}/report (HTML), .json and
// .pdf, public once the consultation has closed (a draft for officials
// before, 404 for everyone else); and the desk's form for its introduction
// and summary, /desk/consultations/{id}/report, which also publishes it.
#include <memory>

#include "core/consultation_report_service.h"
#include "server/http/problem.h"
#include "server/report/pdf_writer.h"
#include "server/report/render_cache.h"
#include "server/report/render_worker.h"
#include "server/web/desk_pages.h"
#include "server/web/form.h"
#include "server/web/journalist_models.h"
#include "server/web/pages.h"
#include "server/web/report_pdf_blocks.h"
#include "server/web/report_view.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr size_t kPdfChunk = 64 << 10;
// PDFs are typeset on one worker thread: a few may queue behind the one
// being set, and two requests (of the server's four stream threads) may
// wait for one to be made; others are asked to come back (503).
constexpr size_t kPdfQueue = 4;
constexpr int kPdfWaiting = 2;
constexpr auto kPdfWaitLimit = std::chrono::minutes(2);

// The renders of each form share a third of the memory for reports.
struct Reports {
  explicit Reports(size_t bytes) : html(bytes / 3), json(bytes / 3), pdf(bytes / 3) {}
  std::shared_ptr<ReportService> service;
  report::RenderCache html;
  report::RenderCache json;
  report::RenderCache pdf;
  report::RenderWorker pdf_worker{pdf, kPdfQueue, kPdfWaiting};
};

std::string ReportUrl(int64_t id) { return "/consultations/" + std::to_string(id) + "/report"; }
std::string DeskUrl(int64_t id) { return "/desk/consultations/" + std::to_string(id) + "/report"; }

// Draft reports change with every comment and are only for officials.
void CachePolicy(ApiResponse& resp, const ConsultationReport& r) {
  if (r.draft()) resp.Header("Cache-Control", "no-store");
  resp.Header("Vary", "Cookie, Authorization, Accept-Language");
}

ApiResponse Page(WebContext& ctx, Reports& reports) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto key = reports.service->CacheKey(ctx.req.actor, id.value());
  if (!key.ok()) return StatusPage(ctx, key.status());
  auto r = reports.service->Get(ctx.req.actor, id.value());
  if (!r.ok()) return StatusPage(ctx, r.status());
  const ConsultationReport& rep = *r.value();
  auto threads = reports.html.GetOrMake("threads:" + std::to_string(rep.id) + ":" + ctx.lang + ":" + key.value(),
                                        [&] { return ReportThreadsHtml(ctx, rep); });
  json model = ReportModel(ctx, rep);
  model["threads_html"] = *threads;
  std::string done = ctx.req.Query("done").value_or("");
  if (done == "published") model["banner"] = {{"message", ctx.Text("report_done_published")}};
  return RenderPage(ctx, "report", FillMessage(ctx.Text("report_title"), {{"title", rep.title}}), model);
}

// The JSON form is kept under the same key as the HTML threads, so a
// report is serialized once per change of what it is made of.
ApiResponse JsonReport(WebContext& ctx, Reports& reports) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return Problem(id.status());
  auto key = reports.service->CacheKey(ctx.req.actor, id.value());
  if (!key.ok()) return Problem(key.status());
  auto r = reports.service->Get(ctx.req.actor, id.value());
  if (!r.ok()) return Problem(r.status());
  ApiResponse resp;
  resp.content_type = "application/json";
  resp.shared_body = reports.json.GetOrMake("json:" + std::to_string(id.value()) + ":" + key.value(),
                                            [&] { return ToJson(*r.value()).dump(); });
  resp.cacheable = !r.value()->draft();
  CachePolicy(resp, *r.value());
  return resp;
}

// 503 with Retry-After while the PDF worker is busy: a small page for a
// browser, problem+json for other clients.
ApiResponse Busy(WebContext& ctx, int retry_after) {
  ApiResponse resp;
  if (ctx.req.Header("accept").find("text/html") != std::string::npos) {
    resp = ErrorPage(ctx, 503, "report_busy_title", "report_busy_text");
  } else {
    resp = Problem(503, "the report is being typeset; ask again after Retry-After seconds");
  }
  resp.Header("Retry-After", std::to_string(retry_after));
  resp.Header("Cache-Control", "no-store");
  return resp;
}

// The PDF is typeset on the report worker, never on an I/O or stream
// thread, and kept in the cache for this commit. A request for a PDF not
// made yet waits for it on a stream thread when a waiting place is free
// (it then gets the PDF), and otherwise gets 503 with Retry-After at once.
ApiResponse PdfReport(WebContext& ctx, const std::shared_ptr<Reports>& reports, const std::string& base_url) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto key = reports->service->CacheKey(ctx.req.actor, id.value());
  if (!key.ok()) return StatusPage(ctx, key.status());
  std::string cache_key = "pdf:" + std::to_string(id.value()) + ":" + ctx.lang + ":" + key.value();
  auto cached = reports->pdf.Find(cache_key);
  std::shared_ptr<report::RenderWorker::Job> job;
  report::RenderWorker::Place place;
  if (!cached) {
    job = reports->pdf_worker.Submit(cache_key, [reports, base_url, actor = ctx.req.actor, req = ctx.req,
                                                 app = &ctx.app, consultation = id.value()]() -> std::string {
      auto r = reports->service->Get(actor, consultation);
      if (!r.ok()) throw std::runtime_error("report: " + r.status().message());
      WebContext wctx = MakeWebContext(req, *app);
      return report::RenderPdf(ReportPdfBlocks(wctx, *r.value(), base_url), ReportPdfMeta(wctx, *r.value()));
    });
    if (job) place = reports->pdf_worker.Wait();
    if (!place) return Busy(ctx, reports->pdf_worker.RetryAfterSeconds());
  }
  ApiResponse resp;
  resp.content_type = "application/pdf";
  resp.Header("Content-Disposition",
              "inline; filename=\"samradsredogorelse-" + std::to_string(id.value()) + "-" + ctx.lang + ".pdf\"");
  resp.Header("Vary", "Cookie, Authorization, Accept-Language");
  resp.Header("Cache-Control", "no-store");
  AddSecurityHeaders(resp);
  for (const auto& c : ctx.set_cookies) resp.Header("Set-Cookie", c);
  resp.stream = [cached, job, place](const ApiResponse::ChunkSink& sink) mutable {
    auto pdf = cached ? cached : job->Wait(kPdfWaitLimit);
    place.reset();  // the next request may wait while this one downloads
    if (!pdf) throw std::runtime_error("report: the PDF was not made in time");
    std::string_view all(*pdf);
    for (size_t at = 0; at < all.size(); at += kPdfChunk) {
      if (!sink(all.substr(at, kPdfChunk))) return;
    }
  };
  return resp;
}

ApiResponse DeskForm(WebContext& ctx, Reports& reports, const FormErrors& errors, const WebForm* posted,
                     int status) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto r = reports.service->Get(ctx.req.actor, id.value());
  if (!r.ok()) return StatusPage(ctx, r.status());
  const ConsultationReport& rep = *r.value();
  std::vector<std::string> names = {"report_intro_md", "report_summary_md"};
  json intro = FieldView(ctx, "report_intro_md", posted ? posted->Get("report_intro_md") : rep.intro_md, errors,
                         {{"textarea", true}, {"rows", 10}});
  json summary = FieldView(ctx, "report_summary_md", posted ? posted->Get("report_summary_md") : rep.summary_md,
                           errors, {{"textarea", true}, {"rows", 10}});
  std::string done = ctx.req.Query("done").value_or("");
  json model = {{"title", rep.title},
                {"content_lang", rep.language},
                {"report_url", ReportUrl(rep.id)},
                {"form_url", DeskUrl(rep.id)},
                {"published", rep.report_published_at.has_value()},
                {"can_publish", !rep.draft() && !rep.report_published_at},
                {"wait", rep.draft()},
                {"fields", json::array({intro, summary})},
                {"error_summary", ErrorSummary(ctx, errors, names, "report-form")},
                {"csrf", ctx.FormToken()}};
  if (done == "saved") model["banner"] = {{"message", ctx.Text("report_done_saved")}};
  return RenderDeskPage(ctx, "report_desk", "report_desk_title", model, status);
}

// Saves the texts, or with op=publish publishes the report as saved.
ApiResponse SaveTexts(WebContext& ctx, Reports& reports) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (form.Get("op") == "publish") {
    Status published = reports.service->Publish(ctx.req.actor, id.value());
    if (!published.ok()) return StatusPage(ctx, published);
    return Redirect(ctx, ReportUrl(id.value()) + "?done=published#banner");
  }
  Status s = reports.service->SaveTexts(ctx.req.actor, id.value(), form.Get("report_intro_md"),
                                        form.Get("report_summary_md"));
  if (s.ok()) return Redirect(ctx, DeskUrl(id.value()) + "?done=saved#banner");
  if (s.code() != Code::kInvalidArgument) return StatusPage(ctx, s);
  FormErrors errors;
  for (const auto& e : s.errors()) {
    errors.Add(e.field == "/intro_md" ? "report_intro_md" : "report_summary_md", ctx.Text("report_error_text"));
  }
  return DeskForm(ctx, reports, errors, &form, 422);
}

}  // namespace

void AddReportPages(Router& r, std::shared_ptr<App> app) {
  auto reports = std::make_shared<Reports>(app->report_cache_bytes);
  reports->service = std::make_shared<ReportService>(app->db, app->clock);
  r.Add("GET", "/consultations/{id}/report", Web(app, [reports](WebContext& ctx) { return Page(ctx, *reports); }));
  r.Add("GET", "/consultations/{id}/report.json",
        Web(app, [reports](WebContext& ctx) { return JsonReport(ctx, *reports); }));
  r.Add("GET", "/consultations/{id}/report.pdf", Web(app, [reports, app](WebContext& ctx) {
          return PdfReport(ctx, reports, app->base_url);
        }));
  r.Add("GET", "/desk/consultations/{id}/report", Web(app, [reports](WebContext& ctx) {
          return DeskForm(ctx, *reports, FormErrors{}, nullptr, 200);
        }));
  r.Add("POST", "/desk/consultations/{id}/report",
        Web(app, [reports](WebContext& ctx) { return SaveTexts(ctx, *reports); }));
}

}  // namespace samrad::server
