-- Spanwise team server: projects, members and their sessions, the corpus, the annotation layers and
-- the change feed. Every edit a browser pushes is kept (by its client-made id, so a push sent twice
-- changes nothing) and numbered by `seq`: browsers pull what changed since the last number they saw.

CREATE TABLE projects (
	id bigserial PRIMARY KEY,
	name text NOT NULL UNIQUE CHECK (name <> ''),
	-- {"blind": true}: annotators see only their own layer.
	settings jsonb NOT NULL DEFAULT '{"blind": true}',
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name text NOT NULL CHECK (name <> '' AND name <> 'gold'),
	role text NOT NULL CHECK (role IN ('annotator', 'reviewer', 'admin')),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (project_id, name)
);

-- Join links: single use, expiring. Only a hash of the token is stored.
CREATE TABLE invites (
	token_hash text PRIMARY KEY,
	project_id bigint NOT NULL,
	name text NOT NULL,
	expires_at timestamptz NOT NULL,
	used_at timestamptz,
	FOREIGN KEY (project_id, name) REFERENCES members (project_id, name) ON DELETE CASCADE
);

CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	project_id bigint NOT NULL,
	name text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	revoked_at timestamptz,
	FOREIGN KEY (project_id, name) REFERENCES members (project_id, name) ON DELETE CASCADE
);

CREATE TABLE articles (
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	id text NOT NULL,
	title text NOT NULL,
	text text NOT NULL,
	meta jsonb NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (project_id, id)
);

CREATE TABLE assignments (
	project_id bigint NOT NULL,
	article_id text NOT NULL,
	annotator text NOT NULL,
	PRIMARY KEY (project_id, article_id, annotator),
	FOREIGN KEY (project_id, article_id) REFERENCES articles (project_id, id) ON DELETE CASCADE,
	FOREIGN KEY (project_id, annotator) REFERENCES members (project_id, name) ON DELETE CASCADE
);
CREATE INDEX assignments_by_annotator ON assignments (project_id, annotator);

-- The label schema of a project, in order.
CREATE TABLE labels (
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name text NOT NULL,
	position int NOT NULL,
	definition jsonb NOT NULL,
	PRIMARY KEY (project_id, name)
);
CREATE TABLE relation_types (
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name text NOT NULL,
	position int NOT NULL,
	definition jsonb NOT NULL,
	PRIMARY KEY (project_id, name)
);

-- One layer of one article: an annotator's, gold, or (later) a suggestion source's. Its kind is data
-- here, never read off the name. `revision` counts the edit batches written to it.
CREATE TABLE layers (
	project_id bigint NOT NULL,
	article_id text NOT NULL,
	layer text NOT NULL,
	kind text NOT NULL CHECK (kind IN ('annotator', 'gold', 'suggestion')),
	revision bigint NOT NULL DEFAULT 0,
	PRIMARY KEY (project_id, article_id, layer),
	FOREIGN KEY (project_id, article_id) REFERENCES articles (project_id, id) ON DELETE CASCADE
);

-- The current spans and relations of every layer (UTF-16 offsets, as the browser holds them).
-- Deleted ones stay as tombstones (deleted = true) so that a browser pulling later learns of it.
CREATE TABLE spans (
	project_id bigint NOT NULL,
	article_id text NOT NULL,
	id text NOT NULL,
	layer text NOT NULL,
	body jsonb NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	seq bigint NOT NULL,
	PRIMARY KEY (project_id, article_id, id),
	FOREIGN KEY (project_id, article_id, layer) REFERENCES layers (project_id, article_id, layer) ON DELETE CASCADE
);
CREATE INDEX spans_by_layer ON spans (project_id, article_id, layer);
CREATE TABLE relations (
	project_id bigint NOT NULL,
	article_id text NOT NULL,
	id text NOT NULL,
	layer text NOT NULL,
	body jsonb NOT NULL,
	deleted boolean NOT NULL DEFAULT false,
	seq bigint NOT NULL,
	PRIMARY KEY (project_id, article_id, id),
	FOREIGN KEY (project_id, article_id, layer) REFERENCES layers (project_id, article_id, layer) ON DELETE CASCADE
);
CREATE INDEX relations_by_layer ON relations (project_id, article_id, layer);

-- The change feed: every accepted batch of edits, numbered. `client_id` is the browser's own id of the
-- batch: the same batch pushed again is found here and not applied twice.
CREATE TABLE changes (
	seq bigserial PRIMARY KEY,
	project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	client_id text NOT NULL,
	article_id text NOT NULL,
	layer text NOT NULL,
	author text NOT NULL,
	revision bigint NOT NULL,
	edits jsonb NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (project_id, client_id)
);
CREATE INDEX changes_by_layer ON changes (project_id, article_id, layer, seq);

CREATE TABLE join_attempts (
	address text NOT NULL,
	at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX join_attempts_by_address ON join_attempts (address, at);
