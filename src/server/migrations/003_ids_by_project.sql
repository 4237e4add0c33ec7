-- A span's or relation's id is unique in the project, not only in its article: the browser keys them
-- by id alone. An import looks up which of its ids the project holds already (and renews those).
CREATE INDEX spans_by_id ON spans (project_id, id);
CREATE INDEX relations_by_id ON relations (project_id, id);
