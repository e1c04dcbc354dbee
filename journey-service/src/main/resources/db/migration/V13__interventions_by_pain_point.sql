-- A pain point's interventions (every pain point the journey view and the worklists show carries them), and the
-- retention's and the foreign key's look-ups when pain points are deleted: without it each is a scan of every
-- intervention ever decided. One entry per intervention, a few per pain point.
create index if not exists interventions_by_pain_point on interventions (pain_point_id, decided_at, id);
