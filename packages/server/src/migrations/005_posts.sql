-- Posts, comments, reactions, announcements' acknowledgements, reports. Runs on PostgreSQL 15+ and PGlite.

CREATE TABLE posts (
  id text PRIMARY KEY,
  author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- NULL: company-wide.
  group_id text REFERENCES groups (id) ON DELETE CASCADE,
  -- The Markdown source and the tree lexed from it once, at write time.
  body_source text NOT NULL,
  body_nodes jsonb NOT NULL,
  -- Lower-cased #topics and mentioned user ids of the body.
  topics text[] NOT NULL DEFAULT '{}',
  mention_ids text[] NOT NULL DEFAULT '{}',
  poll_id text REFERENCES polls (id) ON DELETE SET NULL,
  -- Announcement settings; all NULL/false for an ordinary post.
  is_announcement boolean NOT NULL DEFAULT false,
  pinned boolean NOT NULL DEFAULT false,
  urgent boolean NOT NULL DEFAULT false,
  ack_required boolean NOT NULL DEFAULT false,
  expires_at timestamptz,
  -- Hidden by a moderator: only moderators still see it.
  hidden_at timestamptz,
  hidden_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  edited_at timestamptz,
  CHECK (is_announcement OR NOT (pinned OR urgent OR ack_required) AND expires_at IS NULL)
);

-- Keyset pagination of the feed: (created_at, id) descending, company-wide or per group.
CREATE INDEX posts_feed ON posts (created_at DESC, id DESC);
CREATE INDEX posts_group_feed ON posts (group_id, created_at DESC, id DESC);
CREATE INDEX posts_author ON posts (author_id, created_at DESC);
CREATE INDEX posts_topics ON posts USING gin (topics);
CREATE INDEX posts_pinned ON posts (created_at DESC) WHERE pinned;

CREATE TABLE post_images (
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  file_id text NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  alt text NOT NULL DEFAULT '',
  PRIMARY KEY (post_id, position)
);

-- One level of replies: parent_id points at a top-level comment.
CREATE TABLE comments (
  id text PRIMARY KEY,
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  parent_id text REFERENCES comments (id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body_source text NOT NULL,
  body_nodes jsonb NOT NULL,
  mention_ids text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  edited_at timestamptz
);

CREATE INDEX comments_post ON comments (post_id, created_at DESC, id DESC);
CREATE INDEX comments_parent ON comments (parent_id, created_at);

CREATE TABLE comment_images (
  comment_id text NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  position integer NOT NULL,
  file_id text NOT NULL REFERENCES files (id) ON DELETE CASCADE,
  alt text NOT NULL DEFAULT '',
  PRIMARY KEY (comment_id, position)
);

-- One reaction per person and post: reacting again with another kind replaces it.
CREATE TABLE post_reactions (
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('like', 'celebrate', 'insightful', 'support')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (post_id, user_id)
);

CREATE TABLE post_acknowledgements (
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (post_id, user_id)
);

-- One report per person and post.
CREATE TABLE post_reports (
  post_id text NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('spam', 'harassment', 'misinformation', 'confidential', 'off-topic', 'other')),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  PRIMARY KEY (post_id, user_id)
);

CREATE INDEX post_reports_created ON post_reports (created_at DESC);
