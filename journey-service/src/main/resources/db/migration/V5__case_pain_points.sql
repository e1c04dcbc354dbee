-- The pain point a case answers (case.opened carries it when journey-service's case request opened the case): a case
-- closed RECOVERED resolves it.
alter table known_cases add column pain_point_id text;
