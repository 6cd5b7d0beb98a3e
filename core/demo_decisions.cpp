// Demo decisions and the demo dataset: a council decision with a roll call,
// a committee decision that answers residents' comments, one amended with a
// reason, and a small CSV published the way an official uploads one.
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "core/demo_data.h"

namespace samrad {

using nlohmann::json;

namespace {
json RollCall() {
  // Kommunstyrelsen, 13 members: 8 for, 4 against, 1 abstaining.
  // Invented names: the demo is not about real politicians.
  const std::vector<std::tuple<const char*, const char*, const char*>> members = {
      {"Birgitta Ahlström", "M", "for"},  {"Lennart Dahl", "C", "for"},
      {"Sofia Ekholm", "L", "for"},       {"Per Forsberg", "KD", "for"},
      {"Ingrid Gustafsson", "L", "for"},  {"Oskar Hedlund", "M", "for"},
      {"Lena Isaksson", "M", "for"},      {"Jonas Karlberg", "M", "for"},
      {"Amira Lundqvist", "S", "against"}, {"Mikael Norén", "S", "against"},
      {"Elsa Persson", "MP", "against"},  {"Tove Rydberg", "V", "against"},
      {"Stig Wallin", "SD", "abstain"},
  };
  json roll = json::array();
  for (const auto& [name, party, vote] : members) roll.push_back({{"name", name}, {"party", party}, {"vote", vote}});
  return {{"for", 8}, {"against", 4}, {"abstain", 1}, {"absent", 0}, {"roll_call", roll}};
}

// The demo CSV: water samples at the municipality's beaches.
const char* kBathingWaterCsv =
    "badplats,provdatum,e_coli_per_100ml,enterokocker_per_100ml,bedomning\n"
    "Ältasjön,2026-06-15,12,8,Tjänligt\n"
    "Ältasjön,2026-07-13,48,20,Tjänligt\n"
    "Sicklasjön,2026-06-15,30,15,Tjänligt\n"
    "Sicklasjön,2026-07-13,410,120,Tjänligt med anmärkning\n"
    "Velamsund,2026-06-15,5,2,Tjänligt\n"
    "Velamsund,2026-07-13,9,4,Tjänligt\n"
    "Järlasjön,2026-06-15,1100,350,Otjänligt\n"
    "Järlasjön,2026-07-13,60,30,Tjänligt\n";

// An approved decision that links one consultation, with the votes counted.
json Approved(const DemoRecords& r, const char* title, const char* body, const char* body_name,
              const char* reference, int64_t consultation, json votes) {
  return {{"title", title}, {"body", body}, {"body_name", body_name}, {"reference", reference},
          {"decided_at", r.decided_at}, {"outcome", "approved"},
          {"consultation_ids", {consultation}}, {"votes", std::move(votes)}};
}

json Counts(int yes, int no) {
  return {{"for", yes}, {"against", no}, {"abstain", 0}, {"absent", 0}};
}
}  // namespace

Status LoadDemoDecisions(DecisionService& decisions, const DemoRecords& r) {
  json skatepark = Approved(
      r, "Skatepark vid Fisksätra idrottsplats",
      "Kultur- och fritidsnämnden beslutar att bygga skateparken vid idrottsplatsen, med "
      "belysning till kl. 22 och en grusad gångväg från tunnelbanan.",
      "Kultur- och fritidsnämnden", "KFN 2026/88", r.skatepark_consultation, Counts(9, 2));
  skatepark["answers_comment_ids"] = r.skatepark_comments;
  for (const json& body :
       {Approved(r, "Budget 2027 för Nacka kommun",
                 "Kommunstyrelsen föreslår fullmäktige att anta budgeten med oförändrad "
                 "skattesats. Synpunkterna från samrådet har sammanställts och bifogas ärendet.",
                 "Kommunstyrelsen", "KFKS 2026/412", r.budget_consultation, RollCall()),
        skatepark}) {
    auto d = decisions.Publish(r.official, body);
    if (!d.ok()) return d.status();
  }
  auto lighting = decisions.Publish(
      r.official, Approved(r, "Belysning av gångvägarna i Nyckelviken",
                           "Natur- och trafiknämnden beslutar att belysa huvudstråket genom reservatet.",
                           "Natur- och trafiknämnden", "NTN 2026/231", r.lighting_consultation,
                           Counts(7, 4)));
  if (!lighting.ok()) return lighting.status();
  auto amended = decisions.Amend(
      r.official, lighting->decision_id,
      {{"changes", {{"outcome", "referred"}}},
       {"reason", "Återremitteras: länsstyrelsen vill först se en utredning om hur ljuset påverkar "
                  "fladdermössen i reservatet."}});
  return amended.ok() ? Status::Ok() : amended.status();
}

DemoDataset BathingWaterDataset() {
  DemoDataset d;
  d.name = "badvattenprover";
  d.title = "Badvattenprover vid kommunens badplatser";
  d.description = "Provtagning av E. coli och enterokocker vid fyra badplatser sommaren 2026, "
                  "med miljöenhetens bedömning.";
  d.theme = "ENVI";
  d.license = "CC0-1.0";
  d.keywords = {"badplatser", "vattenkvalitet", "miljö"};
  d.csv = kBathingWaterCsv;
  return d;
}

}  // namespace samrad
