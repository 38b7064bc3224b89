-- Groups (communities), memberships, join requests, group-scoped polls, and the event outbox.
-- Runs on PostgreSQL 15+ and PGlite.

CREATE TABLE groups (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
  join_policy text NOT NULL CHECK (join_policy IN ('open', 'request', 'invite')),
  cover_url text,
  cover_alt text,
  locale text,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL
);

CREATE TABLE group_members (
  group_id text NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  joined_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, user_id)
);

CREATE INDEX group_members_user ON group_members (user_id);

CREATE TABLE group_requests (
  group_id text NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, user_id)
);

-- A poll may belong to a group: then it is as visible as the group's content.
ALTER TABLE polls ADD COLUMN group_id text REFERENCES groups (id) ON DELETE CASCADE;

-- The outbox of realtime events, written in the transaction of the change it reports. Ids only, never
-- content: a client refetches what it may see. On PostgreSQL each insert is followed by pg_notify with
-- the id (delivered on commit), so every API node hears it; the id also serves Last-Event-ID resume.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  type text NOT NULL,
  entity_id text NOT NULL,
  -- Content of a group reaches only those who can see the group; NULL means company-wide.
  group_id text,
  -- When set, only this user receives the event (notifications, own membership changes).
  user_id text,
  created_at timestamptz NOT NULL
);

-- Uploaded images (posts, comments, answers), validated by content. The bytes live here by default; the
-- server reads and writes them only through its file-storage interface.
CREATE TABLE files (
  id text PRIMARY KEY,
  owner_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  data bytea,
  created_at timestamptz NOT NULL
);

-- Things a person should hear about: a mention, an answer to their question, a new question for a topic
-- they are an expert in.
CREATE TABLE notifications (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  actor_id text REFERENCES users (id) ON DELETE SET NULL,
  group_id text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);

CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
