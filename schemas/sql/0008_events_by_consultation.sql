-- Log entries about one consultation (comments, moderation), newest first,
-- without scanning the whole log: what a consultation's comment feed reads.
CREATE INDEX events_consultation
  ON events(json_extract(payload, '$.consultation_id'), seq)
  WHERE json_extract(payload, '$.consultation_id') IS NOT NULL;
