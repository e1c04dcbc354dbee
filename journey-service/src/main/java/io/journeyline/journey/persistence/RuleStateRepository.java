package io.journeyline.journey.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.journeyline.contract.EventJson;
import io.journeyline.journey.domain.rules.RuleState;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule state rows, read and written set-based inside the caller's transaction. Reading locks: two batches that
 * touch the same state (one customer's events on two partitions, or an aggregate key across customers) take turns,
 * so neither loses the other's update; rows are locked in key order, so they cannot deadlock.
 */
@ApplicationScoped
public class RuleStateRepository {
    private static final String STATE_TYPES = "text, text, text, text, timestamptz";

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String EMPTY = "{}";

    /** Which state: a rule's, for one customer (or {@link #ACROSS_CUSTOMERS}) and key. */
    public record StateKey(String ruleId, String scope, String key) implements Comparable<StateKey> {
        private static final Comparator<StateKey> ORDER = Comparator.comparing(StateKey::ruleId)
                .thenComparing(StateKey::scope).thenComparing(StateKey::key);

        @Override
        public int compareTo(StateKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** The scope of an aggregate rule's state. */
    public static final String ACROSS_CUSTOMERS = "*";

    /**
     * Locks the rows of {@code keys} (creating empty ones) and reads them, in one statement: an upsert whose no-op
     * update takes the row lock and returns the row.
     */
    public Uni<Map<StateKey, RuleState>> lockAndRead(List<StateKey> keys, OffsetDateTime now) {
        List<Object[]> rows = keys.stream().sorted().distinct()
                .map(key -> new Object[]{key.ruleId(), key.scope(), key.key(), EMPTY, now}).toList();
        return Transactions.inCallersTransaction("RuleStateRepository.lockAndRead", session -> MultiRowStatement.of(
                        "insert into rule_state (rule_id, scope, state_key, state, updated_at) select * from",
                        STATE_TYPES, rows, """
                                on conflict (rule_id, scope, state_key) do update set rule_id = rule_state.rule_id
                                returning json_build_array(rule_id, scope, state_key, state)::text""")
                .getResultList(session, String.class))
                .map(RuleStateRepository::parse);
    }

    public Uni<Void> write(Map<StateKey, RuleState> states, OffsetDateTime now) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = new ArrayList<>(states.size());
        states.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> rows.add(new Object[]{
                entry.getKey().ruleId(), entry.getKey().scope(), entry.getKey().key(), json(entry.getValue()), now}));
        return Transactions.inCallersTransaction("RuleStateRepository.write", session -> MultiRowStatement.of(
                "insert into rule_state (rule_id, scope, state_key, state, updated_at) select * from", STATE_TYPES, rows,
                        """
                        on conflict (rule_id, scope, state_key) do update set state = excluded.state,
                            updated_at = excluded.updated_at""")
                .executeUpdate(session)).replaceWithVoid();
    }

    private static Map<StateKey, RuleState> parse(List<String> rows) {
        Map<StateKey, RuleState> states = new HashMap<>(rows.size() * 2);
        try {
            for (String row : rows) {
                JsonNode columns = JSON.readTree(row);
                String state = columns.get(3).asText();
                states.put(new StateKey(columns.get(0).asText(), columns.get(1).asText(), columns.get(2).asText()),
                        EMPTY.equals(state) ? RuleState.empty() : JSON.readValue(state, RuleState.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rule state", e);
        }
        return states;
    }

    private static String json(RuleState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule state cannot be written", e);
        }
    }
}
