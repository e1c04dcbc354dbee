-- The lists of responses (a survey's, a customer's) and of a customer's invitations page newest first with a keyset
-- cursor (io.journeyline.platform.paging.KeysetCursor: the time, then the id breaking ties). Each walks one of these
-- indexes in its order from the cursor's position and stops after the page, so a page reads limit + 1 entries however
-- long the history behind it: no sort, no rows skipped. Each replaces an index on the same leading columns without the
-- id (V1, V3), which served every query the wider one serves: one index per list, not two to keep up on every insert.
-- Cost: the id (a uuid's text) in each entry, about 40 bytes a row. A plain build blocks inserts into the table while
-- it runs: on a large table, create these "concurrently" by hand before upgrading and these statements skip them.
create index if not exists survey_responses_by_survey_newest
    on survey_responses (survey_id, responded_at desc, id desc);
create index if not exists survey_responses_by_customer_newest
    on survey_responses (customer_id, responded_at desc, id desc);
create index if not exists invitations_by_customer_newest
    on invitations (customer_id, created_at desc, id desc);

drop index if exists survey_responses_by_survey;
drop index if exists survey_responses_by_customer;
drop index if exists invitations_by_customer;
