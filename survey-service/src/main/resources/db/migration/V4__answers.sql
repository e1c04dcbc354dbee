-- A response answered through an invitation keeps its invitation, survey version, channel, language, every answer
-- (JSON) and its comment's sentiment; every answered rating item is a row of response_items, tagged with its theme
-- and dimension, so results aggregate per item, theme and dimension in SQL.
alter table survey_responses add column invitation_id text;
alter table survey_responses add column channel       text;
alter table survey_responses add column language      text;
alter table survey_responses add column answers       text;
alter table survey_responses add column sentiment     double precision;
alter table survey_responses add column topic         text;
alter table survey_responses add column segment       text;

create table response_items (
    response_id  text        not null references survey_responses (id),
    survey_id    text        not null,
    item_id      text        not null,
    scale        text        not null,   -- the item's scale, e.g. 0-10 or 1-5
    theme        text,                   -- theme and dimension only on 1-5 items, whose means they are
    dimension    text,
    score        double precision not null,
    responded_at timestamptz not null,
    primary key (response_id, item_id)
);

create index response_items_by_survey on response_items (survey_id, responded_at);

alter table invitations add column segment text;
