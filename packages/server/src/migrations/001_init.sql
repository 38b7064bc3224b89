-- Users, polls and idempotency records. Runs on PostgreSQL 15+ and PGlite.

CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  title text,
  avatar_url text,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'manager')),
  locale text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE polls (
  id text PRIMARY KEY,
  question text NOT NULL,
  multiple boolean NOT NULL DEFAULT false,
  max_choices integer NOT NULL DEFAULT 1 CHECK (max_choices >= 1),
  results_visibility text NOT NULL CHECK (results_visibility IN ('always', 'after-vote', 'after-close')),
  anonymous boolean NOT NULL DEFAULT false,
  closes_at timestamptz,
  closed_at timestamptz,
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (multiple OR max_choices = 1)
);

CREATE TABLE poll_options (
  id text PRIMARY KEY,
  poll_id text NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  position integer NOT NULL,
  label text NOT NULL,
  UNIQUE (poll_id, position)
);

-- One row per voter and poll: a vote is a single upsert, so concurrent votes never double-count.
CREATE TABLE poll_ballots (
  poll_id text NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  option_ids text[] NOT NULL CHECK (cardinality(option_ids) >= 1),
  voted_at timestamptz NOT NULL,
  PRIMARY KEY (poll_id, user_id)
);

CREATE INDEX poll_ballots_user ON poll_ballots (user_id);

-- The first response to a write carrying an Idempotency-Key, replayed to retries for 24 hours.
-- In PostgreSQL rather than memory so that every API node sees it.
CREATE TABLE idempotency_keys (
  user_id text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response_body text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
