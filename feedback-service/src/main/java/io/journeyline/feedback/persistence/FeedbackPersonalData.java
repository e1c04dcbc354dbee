package io.journeyline.feedback.persistence;

import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ExportStatements.Query;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.SqlPersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What feedback-service forgets of an erased customer. Feedback items and cases stay for the outer loop's figures
 * (root causes, recovery, SLA compliance by period do not change afterwards) under a random stand-in, without the
 * person's words: the feedback's text, every case note and contact evidence go. A case still open is closed
 * ({@code NOT_VERIFIED}: nobody can follow it up any more, and it is counted apart), its clocks stopped and its SLA and
 * follow-up timers deleted; its history says so ({@code ERASED}, by {@code privacy}).
 */
@ApplicationScoped
public class FeedbackPersonalData extends SqlPersonalData {
    private static final String CASES_OF_CUSTOMER = "select id from cases where customer_id = ?1";

    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("platform_timers", """
                    delete from platform_timers where (kind = 'case-sla' and split_part(timer_key, ':', 1) in (%1$s))
                        or (kind = 'case-follow-up' and timer_key in (%1$s))""".formatted(CASES_OF_CUSTOMER)),
            Statement.of("case_history", "update case_history set note = null where note is not null and case_id in ("
                    + CASES_OF_CUSTOMER + ")"),
            Statement.of("case_history", """
                    insert into case_history (case_id, at, action, status, actor, note)
                    select id, ?3, 'ERASED', 'CLOSED', 'privacy', null from cases
                    where customer_id = ?1 and status <> 'CLOSED'"""),
            Statement.of("case_sla", "update case_sla set stopped = true, running_since = null where not stopped and case_id in ("
                    + CASES_OF_CUSTOMER + " and status <> 'CLOSED')"),
            Statement.of("case_contacts", "update case_contacts set evidence = null where evidence is not null and case_id in ("
                    + CASES_OF_CUSTOMER + ")"),
            // its clocks stopped just above, a case's kept urgency is that of a case with none counting
            Statement.of("cases", """
                    update cases set (urgency, urgent_due_at) = (%s), customer_id = ?2,
                        updated_at = case when status = 'CLOSED' then updated_at else ?3 end,
                        outcome = case when status = 'CLOSED' then outcome else 'NOT_VERIFIED' end,
                        waiting = case when status = 'CLOSED' then waiting else false end,
                        status = 'CLOSED'
                    where customer_id = ?1""".formatted(SlaRepository.KEPT_URGENCY)),
            Statement.of("feedback_items", "update feedback_items set customer_id = ?2, text = null where customer_id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            Query.of("feedback_items", "select * from feedback_items where customer_id = ?1 order by received_at"),
            Query.of("cases", "select * from cases where customer_id = ?1 order by opened_at"),
            Query.of("case_history", "select h.* from case_history h where h.case_id in (" + CASES_OF_CUSTOMER
                    + ") order by h.seq"),
            Query.of("case_contacts", "select c.* from case_contacts c where c.case_id in (" + CASES_OF_CUSTOMER
                    + ") order by c.occurred_at"),
            Query.of("case_sla", "select s.* from case_sla s where s.case_id in (" + CASES_OF_CUSTOMER + ")"));

    public FeedbackPersonalData() {
        super(STATEMENTS, EXPORT);
    }
}
