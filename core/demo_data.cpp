// Demo municipality content (Swedish, with one English consultation).
#include "core/demo_data.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"

namespace samrad {

using nlohmann::json;

namespace {

struct DemoConsultation {
  const char* title;
  const char* summary;
  const char* body;
  const char* area;
  std::vector<std::string> tags;
  const char* state;  // draft, upcoming, open, closed
  std::vector<std::pair<const char*, const char*>> sections;
  const char* language = "sv";
};

const std::vector<DemoConsultation>& Consultations() {
  static const std::vector<DemoConsultation> k = {
      {"Nya cykelbanor längs Värmdövägen",
       "Kommunen planerar en sammanhängande cykelbana från Sickla till Orminge.",
       "Vi vill bygga en **trygg och bred** cykelbana längs Värmdövägen. Sträckan är 7 km och "
       "ska vara klar 2028.\n\nTyck till om sträckning, korsningar och belysning.",
       "Sickla", {"trafik", "cykel"}, "open",
       {{"Sträckning", "Förslaget följer Värmdövägens norra sida."},
        {"Korsningar", "Sex korsningar byggs om med upphöjda cykelpassager."}}},
      {"Upprustning av Fisksätra bibliotek",
       "Biblioteket får nya lokaler, längre öppettider och en läsecirkel för unga.",
       "Fisksätra bibliotek har inte renoverats sedan 1994. Vi föreslår meröppet alla dagar.",
       "Fisksätra", {"kultur", "bibliotek"}, "open",
       {{"Öppettider", "Meröppet 06–22 alla dagar."}, {"Lokaler", "En ny studiehall på plan 2."}}},
      {"Detaljplan för bostäder vid Orminge centrum",
       "Cirka 600 nya bostäder, en förskola och ett torg.",
       "Planen omfattar kvarteren norr om Orminge centrum. Höjden är som mest åtta våningar.",
       "Orminge", {"bostäder", "detaljplan"}, "open",
       {{"Bebyggelse", "Sex kvarter med hyres- och bostadsrätter."},
        {"Grönytor", "Ekbacken bevaras som park."}}},
      {"Trafiksäkerhet kring skolor i Boo",
       "Sänkt hastighet, nya övergångsställen och gångfartsområden vid fem skolor.",
       "Föräldrar har länge efterfrågat säkrare skolvägar. Vi föreslår 30 km/h vid alla skolor.",
       "Boo", {"trafik", "skola"}, "open", {}},
      {"Badplatsen i Älta: ny brygga och tillgänglighet",
       "En tillgänglighetsanpassad brygga och nya toaletter vid Ältasjön.",
       "Badplatsen ska kunna användas av alla, även med rullstol eller barnvagn.",
       "Älta", {"friluftsliv", "tillgänglighet"}, "upcoming", {}},
      {"Kommunens klimatplan 2030",
       "Hur når Nacka netto noll utsläpp? Förslag inom transporter, byggande och mat.",
       "Klimatplanen innehåller 42 åtgärder. Läs dem och säg vad du tycker är viktigast.",
       "Hela kommunen", {"klimat", "miljö"}, "upcoming",
       {{"Transporter", "Fler laddplatser och pendelbåtar."}, {"Byggande", "Klimatkrav i upphandlingar."}}},
      {"Belysning i Nyckelviken",
       "Ska gångvägarna i naturreservatet belysas vintertid?",
       "Många upplever vägarna som otrygga när det är mörkt. Samtidigt påverkar ljus djurlivet.",
       "Centrala Nacka", {"trygghet", "natur"}, "closed", {}},
      {"Budget 2027: prioriteringar",
       "Var ska kommunen satsa mer och var kan den spara?",
       "Kommunfullmäktige beslutar om budgeten i november. Dina synpunkter sammanställs.",
       "Hela kommunen", {"budget", "ekonomi"}, "closed", {}},
      {"Äldreboende i Saltsjöbaden",
       "Ett nytt äldreboende med 80 platser planeras vid Tattby.",
       "Boendet ska ha trädgård, gemensamt kök och närhet till Saltsjöbanan.",
       "Saltsjöbaden", {"omsorg", "bostäder"}, "closed", {}},
      {"Pendelbåt Nacka strand – Slussen",
       "Fler turer och en ny brygga vid Nacka strand.",
       "Region Stockholm och kommunen utreder tätare trafik året runt.",
       "Nacka strand", {"trafik", "kollektivtrafik"}, "open", {}},
      {"Hundrastgård i Sickla",
       "Förslag om en inhägnad hundrastgård vid Sickla kanal.",
       "Platsen är vald för att ligga nära bostäder men inte störa lekplatsen.",
       "Sickla", {"park"}, "draft", {}},
      {"Playgrounds for everyone",
       "Accessible playgrounds in every district by 2029.",
       "We propose rebuilding twelve playgrounds so that children of all abilities can play "
       "together. Tell us which ones matter most to your family.",
       "Hela kommunen", {"park", "accessibility"}, "open", {}, "en"},
      {"Skolskjuts och skolval i Boo",
       "Nya regler för skolskjuts när elever väljer skola längre bort.",
       "Förslaget ändrar avståndsgränserna för skolskjuts i årskurs 4–9.",
       "Boo", {"skola"}, "upcoming", {}},
      // Open while residents comment, then decided by the demo decisions.
      {"Skatepark i Fisksätra",
       "Var ska skateparken ligga och vad ska den ha?",
       "Unga i Fisksätra har önskat en skatepark. Två platser utreds: vid idrottsplatsen och vid "
       "Fisksätra torg.",
       "Fisksätra", {"fritid", "unga"}, "decided", {}},
  };
  return k;
}

struct DemoUser {
  const char* email;
  const char* name;
  Role role;
};

// Threads on the first two open consultations: residents, an official's
// answer, replies, reactions, a flag and one hidden comment.
// created: the users above in order (0-2 officials, 3 moderator, 5-8 residents).
Status LoadDemoComments(CommentService& comments, ModerationService& moderation,
                        const std::vector<User>& created, const std::vector<int64_t>& open_ids) {
  if (open_ids.size() < 2) return Status::Ok();
  const User &anna = created[0], &sara = created[2], &mod = created[3];
  const User &karin = created[5], &ali = created[6], &johan = created[7], &maria = created[8];
  auto post = [&](const User& u, int64_t k, const char* body,
                  std::optional<int64_t> parent = std::nullopt) -> Result<Comment> {
    NewComment n;
    n.body = body;
    n.parent_id = parent;
    return comments.Post(u, k, n);
  };
  int64_t bike = open_ids[0], library = open_ids[1];
  auto c1 = post(karin, bike, "Äntligen! Jag cyklar till jobbet varje dag och korsningen vid Sickla köpkvarter är livsfarlig.");
  if (!c1.ok()) return c1.status();
  auto c2 = post(ali, bike, "Bra förslag, men glöm inte belysningen. På vintern är det kolsvart längs sträckan vid Järla.");
  if (!c2.ok()) return c2.status();
  auto c3 = post(johan, bike, "Varför inte bygga på södra sidan i stället? Där finns redan en gångväg som kan breddas.");
  if (!c3.ok()) return c3.status();
  auto r1 = post(sara, bike, "Tack för synpunkten! Norra sidan valdes för att undvika tre busshållplatser. Vi redovisar jämförelsen i samrådsredogörelsen.", c3->id);
  if (!r1.ok()) return r1.status();
  auto r2 = post(johan, bike, "Tack, då förstår jag. Ser fram emot redogörelsen.", r1->id);
  if (!r2.ok()) return r2.status();
  auto r3 = post(maria, bike, "Håller med Ali om belysningen, gärna närvarostyrd LED.", c2->id);
  if (!r3.ok()) return r3.status();
  auto spam = post(maria, bike, "KÖP BILLIGA CYKLAR NU!!! Besök min webbutik för superrabatt.");
  if (!spam.ok()) return spam.status();
  auto l1 = post(karin, library, "Meröppet vore fantastiskt för oss som pluggar på kvällarna.");
  if (!l1.ok()) return l1.status();
  auto l2 = post(anna, library, "Vi planerar meröppet från hösten, med personal på plats varje eftermiddag.", l1->id);
  if (!l2.ok()) return l2.status();
  struct R { const User* who; int64_t comment; const char* kind; };
  for (const R& r : {R{&ali, c1->id, "support"}, R{&johan, c1->id, "support"}, R{&maria, c1->id, "support"},
                     R{&karin, c2->id, "support"}, R{&maria, c2->id, "support"}, R{&karin, c3->id, "oppose"},
                     R{&ali, l1->id, "support"}, R{&johan, l2->id, "support"}}) {
    auto x = comments.React(*r.who, r.comment, std::string(r.kind));
    if (!x.ok()) return x.status();
  }
  auto f = moderation.FlagComment(karin, spam->id, "spam", std::string("Reklam för en webbutik"));
  if (!f.ok()) return f.status();
  auto h = moderation.Moderate(mod, spam->id, "hide", "Reklam hör inte hemma i samrådet (spam).");
  return h.ok() ? Status::Ok() : h.status();
}

// Residents' comments on the skatepark consultation, which a decision answers.
Result<std::vector<int64_t>> LoadSkateparkComments(CommentService& comments,
                                                   const std::vector<User>& created, int64_t skatepark) {
  std::vector<int64_t> ids;
  for (const auto& [who, body] : std::vector<std::pair<const User*, const char*>>{
           {&created[6], "Vid idrottsplatsen, där stör ljudet ingen och det finns redan belysning."},
           {&created[8], "Gärna en gångväg från tunnelbanan, det är lerigt där på hösten."}}) {
    NewComment n;
    n.body = body;
    auto c = comments.Post(*who, skatepark, n);
    if (!c.ok()) return c.status();
    ids.push_back(c->id);
  }
  return ids;
}

}  // namespace

Status LoadDemoData(AccountService& accounts, ConsultationService& consultations, int64_t now,
                    CommentService* comments, ModerationService* moderation,
                    DecisionService* decisions, const DemoDatasetPublisher& publish_dataset) {
  const std::vector<DemoUser> users = {
      {"anna.lindqvist@nacka.example", "Anna Lindqvist (stadsbyggnad)", Role::kOfficial},
      {"erik.holm@nacka.example", "Erik Holm (kultur)", Role::kOfficial},
      {"sara.nyberg@nacka.example", "Sara Nyberg (trafik)", Role::kOfficial},
      {"moderator@nacka.example", "Moderator Nacka", Role::kModerator},
      {"admin@nacka.example", "Administratör", Role::kAdmin},
      {"karin.berg@example.se", "Karin Berg", Role::kResident},
      {"ali.hassan@example.se", "Ali Hassan", Role::kResident},
      {"johan.ek@example.se", "Johan Ek", Role::kResident},
      {"maria.sundberg@example.se", "Maria Sundberg", Role::kResident},
  };
  std::vector<User> created;
  for (const auto& u : users) {
    auto r = accounts.Register({u.email, "demo-losenord", u.name, u.role, u.role != Role::kResident},
                               "admin");
    if (!r.ok()) {
      if (r.status().code() == Code::kConflict) return Conflict("demo data is already loaded");
      return r.status();
    }
    created.push_back(r.value());
  }
  const int64_t day = 24 * 3600;
  int i = 0;
  std::vector<int64_t> open_ids;
  DemoRecords records;
  records.official = created[1];
  records.decided_at = FormatTime(now - 2 * day).substr(0, 10);
  for (const auto& k : Consultations()) {
    const User& author = created[i++ % 3];
    std::string state = k.state;
    int64_t opens = now - 10 * day, closes = now + 20 * day;
    if (state == "upcoming") opens = now + 7 * day, closes = now + 40 * day;
    if (state == "closed") opens = now - 60 * day, closes = now - 5 * day;
    json sections = json::array();
    for (const auto& [h, b] : k.sections) sections.push_back({{"heading", h}, {"body", b}});
    json body = {{"title", k.title},     {"summary", k.summary},
                 {"body", k.body},       {"language", k.language},
                 {"area", k.area},       {"tags", k.tags},
                 {"opens_at", FormatTime(opens)}, {"closes_at", FormatTime(closes)},
                 {"sections", sections}};
    auto c = consultations.Create(author, body);
    if (!c.ok()) return c.status();
    if (state != "draft") {
      auto p = consultations.Publish(author, c->id);
      if (!p.ok()) return p.status();
    }
    if (state == "open") open_ids.push_back(c->id);
    if (std::string(k.title).rfind("Budget", 0) == 0) records.budget_consultation = c->id;
    if (std::string(k.title).rfind("Belysning", 0) == 0) records.lighting_consultation = c->id;
    if (state == "decided") records.skatepark_consultation = c->id;
  }
  if (!comments || !moderation) return Status::Ok();
  if (Status s = LoadDemoComments(*comments, *moderation, created, open_ids); !s.ok()) return s;
  if (decisions) {
    auto answered = LoadSkateparkComments(*comments, created, records.skatepark_consultation);
    if (!answered.ok()) return answered.status();
    records.skatepark_comments = answered.value();
    if (Status s = LoadDemoDecisions(*decisions, records); !s.ok()) return s;
  }
  return publish_dataset ? publish_dataset(created[0], BathingWaterDataset()) : Status::Ok();
}

}  // namespace samrad
