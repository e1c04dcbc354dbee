-- Survey answers as collected (by another system for now; by single-use token links later).
create table survey_responses (
    id           text primary key,
    survey_id    text        not null,
    survey_kind  text        not null,
    customer_id  text        not null,
    score        numeric     not null,
    touchpoint   text,
    case_id      text,
    comment      text,
    responded_at timestamptz not null
);

create index survey_responses_by_survey on survey_responses (survey_id, responded_at desc);
create index survey_responses_by_customer on survey_responses (customer_id, responded_at desc);
