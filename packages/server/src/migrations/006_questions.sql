-- Ask an expert: experts per topic, questions, answers and answer upvotes. Runs on PostgreSQL 15+ and PGlite.

-- A person answers questions of a topic; while away_until is in the future they are not notified.
CREATE TABLE experts (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  topic text NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  away_until timestamptz,
  PRIMARY KEY (topic, user_id)
);

CREATE INDEX experts_user ON experts (user_id);

CREATE TABLE questions (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  topic text NOT NULL,
  group_id text REFERENCES groups (id) ON DELETE CASCADE,
  tags text[] NOT NULL DEFAULT '{}',
  anonymous boolean NOT NULL DEFAULT false,
  -- Kept for anonymous questions too: moderators and the asker see it, peers never do.
  author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  accepted_answer_id text,
  created_at timestamptz NOT NULL,
  -- Searched in English and German at once: a German question is stemmed by the German rules and an English
  -- one by the English rules, whatever the asker's locale. Title words weigh more than body words.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('german'::regconfig, title), 'A')
    || setweight(to_tsvector('english'::regconfig, body), 'B') || setweight(to_tsvector('german'::regconfig, body), 'B')
  ) STORED
);

CREATE INDEX questions_topic_created ON questions (topic, created_at DESC, id DESC);
CREATE INDEX questions_created ON questions (created_at DESC, id DESC);
CREATE INDEX questions_author ON questions (author_id);
CREATE INDEX questions_group ON questions (group_id);
CREATE INDEX questions_search ON questions USING gin (search);

CREATE TABLE answers (
  id text PRIMARY KEY,
  question_id text NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX answers_question ON answers (question_id, created_at);
CREATE INDEX answers_author ON answers (author_id);

ALTER TABLE questions
  ADD CONSTRAINT questions_accepted_answer FOREIGN KEY (accepted_answer_id) REFERENCES answers (id) ON DELETE SET NULL;

-- One upvote per person and answer: a vote is one insert, so concurrent votes never double-count.
CREATE TABLE answer_votes (
  answer_id text NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  voted_at timestamptz NOT NULL,
  PRIMARY KEY (answer_id, user_id)
);
