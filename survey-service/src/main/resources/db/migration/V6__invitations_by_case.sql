-- Which customer a case id belongs to is asked of the invitations that follow cases up (CaseReferences), for every
-- recorded answer and case event that names a case.
create index invitations_by_case on invitations (case_id) where case_id is not null;
