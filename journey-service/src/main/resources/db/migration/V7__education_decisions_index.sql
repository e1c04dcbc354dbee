-- The education-effect report starts from education-service's decisions on the timeline (assigned or held out);
-- this keeps it from reading every timeline entry.
create index timeline_entries_education_decisions on timeline_entries (customer_id)
    where type in ('io.journeyline.education.assigned', 'io.journeyline.education.held-out');
