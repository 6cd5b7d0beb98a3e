-- 0009: the transparency log over the event log. tlog_nodes holds the hash
-- of every complete subtree of the RFC 6962 Merkle tree whose leaf i is the
-- canonical bytes of event seq i + 1 (level 0: leaf hashes); it grows in the
-- same transaction as events. Signed checkpoints and witness cosignatures
-- are kept for good.
CREATE TABLE tlog_nodes (
  level INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  hash BLOB NOT NULL,                -- 32 bytes of SHA-256
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;

CREATE TABLE tlog_checkpoints (
  size INTEGER PRIMARY KEY,          -- tree size
  root BLOB NOT NULL,
  note TEXT NOT NULL,                -- the signed note (C2SP tlog-checkpoint)
  signed_at TEXT NOT NULL
);

CREATE TABLE tlog_cosignatures (
  size INTEGER NOT NULL REFERENCES tlog_checkpoints(size),
  witness TEXT NOT NULL,             -- the witness's key name
  line TEXT NOT NULL,                -- the note signature line it returned
  at TEXT NOT NULL,
  PRIMARY KEY (size, witness)
);

CREATE TRIGGER tlog_nodes_no_update BEFORE UPDATE ON tlog_nodes
BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
CREATE TRIGGER tlog_nodes_no_delete BEFORE DELETE ON tlog_nodes
BEGIN SELECT RAISE(ABORT, 'the Merkle tree is append-only'); END;
CREATE TRIGGER tlog_checkpoints_no_update BEFORE UPDATE ON tlog_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are kept as signed'); END;
CREATE TRIGGER tlog_checkpoints_no_delete BEFORE DELETE ON tlog_checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are kept as signed'); END;
