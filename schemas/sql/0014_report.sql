-- 0014: the consultation report's own texts. The report itself is compiled
-- from the data every time; officials add only an introduction and a
-- summary (Markdown). published_at is set once, when the report is
-- published (logged as report.published); the texts are fixed from then on.
CREATE TABLE report_texts (
  consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id),
  intro_md TEXT NOT NULL DEFAULT '',
  summary_md TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  published_at TEXT
);
