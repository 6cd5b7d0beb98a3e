// ConsultationDates: one read of a consultation's dates.
#include "core/consultation_dates.h"

#include "core/consultation.h"

namespace samrad {

std::string ConsultationDates::StateAt(int64_t now) const {
  Consultation k;
  k.opens_at = opens_at;
  k.closes_at = closes_at;
  k.published_at = published_at;
  k.decided_at = decided_at;
  return ConsultationState(k, now);
}

std::optional<ConsultationDates> LoadConsultationDates(db::Connection& c, int64_t id) {
  auto& st = c.Prepare("SELECT opens_at, closes_at, published_at, decided_at FROM consultations WHERE id = ?");
  if (!st.Bind(1, id).Step()) {
    st.Reset();
    return std::nullopt;
  }
  ConsultationDates d{st.Text(0), st.Text(1), st.OptText(2), st.OptText(3)};
  st.Reset();
  return d;
}

}  // namespace samrad
