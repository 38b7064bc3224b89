-- Platform: rate-limit counters. Runs on PostgreSQL 15+ and PGlite.

-- One row per client budget and fixed window: bucket is 'write:user:u-alex' or 'read:ip:10.0.0.7'. In the
-- database rather than in memory so that every API node counts against the same budget.
CREATE TABLE rate_limit_hits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

-- Past windows are purged by time.
CREATE INDEX rate_limit_hits_window ON rate_limit_hits (window_start);
