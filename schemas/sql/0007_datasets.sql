-- 0007: datasets published by officials. Metadata in `datasets`, the rows in
-- `dataset_rows` as JSON arrays of the cells' text, written in the same
-- transaction as the dataset.published event, so nothing is half-published.
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  keywords TEXT NOT NULL DEFAULT '[]',   -- JSON array
  theme TEXT NOT NULL,                   -- EU data theme code, e.g. GOVE
  license TEXT NOT NULL,                 -- SPDX-style id, e.g. CC0-1.0
  language TEXT NOT NULL,
  fields TEXT NOT NULL,                  -- JSON [{name, type, description}]
  row_count INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,                  -- of the uploaded CSV bytes
  published_by INTEGER NOT NULL REFERENCES users(id),
  published_at TEXT NOT NULL,
  log_seq INTEGER NOT NULL
);

CREATE TABLE dataset_rows (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id),
  row_no INTEGER NOT NULL,               -- 1 for the first row after the header
  cells TEXT NOT NULL,                   -- JSON array of strings (null for an empty cell)
  PRIMARY KEY (dataset_id, row_no)
) WITHOUT ROWID;
