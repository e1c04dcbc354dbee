-- Feedback keeps its text's sentiment ([-1, 1]) and where it came from: the sender's own score, or this service's
-- (with the language it read); and the touchpoint the problem happened at, when the sender said.
alter table feedback_items add column touchpoint         text;
alter table feedback_items add column sentiment          double precision;
alter table feedback_items add column sentiment_source   text;
alter table feedback_items add column sentiment_language text;

-- A case's category (from its first complaint) and touchpoint (the complaint's, or the pain point's), for the outer
-- loop's analytics.
alter table cases add column category   text;
alter table cases add column touchpoint text;
