package io.journeyline.journey.persistence;

import io.journeyline.platform.privacy.ExportStatements;
import io.journeyline.platform.privacy.ExportStatements.Query;
import io.journeyline.platform.privacy.ErasureStatements;
import io.journeyline.platform.privacy.ErasureStatements.Statement;
import io.journeyline.platform.privacy.SqlPersonalData;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What journey-service forgets of an erased customer: the customer, the timeline (every event, its data and
 * summary), the contacts counted by hour, stage history, identities and identity links and reviews, the rules' state and timers for the customer,
 * the evidence of pain points and the known cases. Pain points, interventions and consent stay under a random
 * stand-in without their notes: the figures by period (rule detections, interventions sent and suppressed, education
 * effect's decisions) keep their counts, and the fact that consent was withdrawn is kept without the person. An
 * aggregate rule's recent matches (content gaps count customers) keep counting the customer as the stand-in.
 */
@ApplicationScoped
public class JourneyPersonalData extends SqlPersonalData {
    private static final String CUSTOMER_ID_JSON = "'\"customerId\":' || to_json(cast(?1 as text))::text";

    private static final ErasureStatements STATEMENTS = ErasureStatements.of(
            Statement.of("platform_timers", """
                    delete from platform_timers where (kind = 'rule-absence' and cast(payload as jsonb) ->> 'scope' = ?1)
                        or (kind = 'stage-stall' and cast(payload as jsonb) ->> 'customerId' = ?1)"""),
            Statement.of("rule_state", "delete from rule_state where scope = ?1"),
            Statement.of("rule_state", ("""
                    update rule_state set state = replace(state, %s, '"customerId":' || to_json(cast(?2 as text))::text)
                    where scope = '*' and strpos(state, %s) > 0""").formatted(CUSTOMER_ID_JSON, CUSTOMER_ID_JSON)),
            Statement.of("timeline_entries", "delete from timeline_entries where customer_id = ?1"),
            Statement.of("stage_changes", "delete from stage_changes where customer_id = ?1"),
            Statement.of("contact_counts", "delete from contact_counts where customer_id = ?1"),
            Statement.of("identities", "delete from identities where customer_id = ?1"),
            Statement.of("identity_links", "delete from identity_links where customer_id = ?1 or linked_customer_id = ?1"),
            Statement.of("identity_reviews", "delete from identity_reviews where customer_id = ?1 or other_customer_id = ?1"),
            Statement.of("pain_point_evidence", "delete from pain_point_evidence where customer_id = ?1"),
            Statement.of("pain_points", "update pain_points set customer_id = ?2, status_note = null where customer_id = ?1"),
            Statement.of("interventions", "update interventions set customer_id = ?2 where customer_id = ?1"),
            Statement.of("known_cases", "delete from known_cases where customer_id = ?1"),
            Statement.of("consents", "update consents set customer_id = ?2 where customer_id = ?1"),
            Statement.of("export_jobs", "delete from export_jobs where customer_id = ?1"),
            // a backtest naming the customer in its sample or report goes whole (run it again)
            Statement.of("rule_backtests", """
                    delete from rule_backtests
                    where position('"' || ?1 || '"' in coalesce(sample, '') || coalesce(result, '')) > 0"""),
            Statement.of("customers", "delete from customers where id = ?1"));

    private static final ExportStatements EXPORT = ExportStatements.of(
            Query.of("customers", "select * from customers where id = ?1"),
            Query.of("timeline_entries", """
                    select event_source, event_id, type, occurred_at, channel, touchpoint, summary, data::json as data,
                        extensions::json as extensions, recorded_at
                    from timeline_entries where customer_id = ?1 order by occurred_at, seq"""),
            Query.of("stage_changes", "select * from stage_changes where customer_id = ?1 order by changed_at"),
            Query.of("contact_counts", "select topic, hour, contacts from contact_counts where customer_id = ?1 order by hour, topic"),
            Query.of("identities", "select * from identities where customer_id = ?1"),
            Query.of("identity_links", "select * from identity_links where customer_id = ?1 or linked_customer_id = ?1"),
            Query.of("identity_reviews", "select * from identity_reviews where customer_id = ?1 or other_customer_id = ?1"),
            Query.of("consents", "select * from consents where customer_id = ?1"),
            Query.of("pain_points", "select * from pain_points where customer_id = ?1 order by detected_at"),
            Query.of("pain_point_evidence", "select * from pain_point_evidence where customer_id = ?1 order by occurred_at"),
            Query.of("interventions", "select * from interventions where customer_id = ?1 order by decided_at"),
            Query.of("known_cases", "select * from known_cases where customer_id = ?1"),
            Query.of("rule_state", "select rule_id, state_key, state::json as state, updated_at from rule_state where scope = ?1"));

    public JourneyPersonalData() {
        super(STATEMENTS, EXPORT);
    }
}
