package io.journeyline.journey.persistence;

import io.journeyline.journey.domain.Contacts;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.journeyline.platform.persistence.MultiRowStatement;
import io.journeyline.platform.persistence.NativeSelect;
import io.journeyline.platform.persistence.SqlArrays;
import io.journeyline.platform.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contacts per customer, topic and hour ({@code contact_counts}, V12), kept current as events are recorded, so the
 * journey view's "contacts by topic in the last 30 days" reads a bounded number of rows however long the history.
 */
@ApplicationScoped
public class ContactCountRepository {

    private record Key(String customerId, OffsetDateTime hour, String topic) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byCustomer = customerId.compareTo(other.customerId);
            if (byCustomer != 0) {
                return byCustomer;
            }
            int byHour = hour.compareTo(other.hour);
            return byHour != 0 ? byHour : topic.compareTo(other.topic);
        }
    }

    /**
     * Adds the contacts among these first-seen events to their customers' hours, in the caller's transaction (the one
     * that records them in the timeline, so a count and its entries commit together). One statement; rows in key
     * order, so two batches upserting the same hours lock them in the same order.
     */
    public Uni<Void> add(List<IncomingEvent> events) {
        Map<Key, Integer> counts = new TreeMap<>();
        for (IncomingEvent event : events) {
            if (Contacts.isContact(event.type().type(), event.dataText("action"))) {
                counts.merge(new Key(event.customerId(), Contacts.hourOf(event.time()),
                        Contacts.topic(event.dataText("topic"))), 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Object[]> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(new Object[]{key.customerId(), key.topic(), key.hour(), count}));
        return Transactions.inCallersTransaction("ContactCountRepository.add", session -> MultiRowStatement.of(
                "insert into contact_counts (customer_id, topic, hour, contacts) select * from",
                "text, text, timestamptz, integer", rows,
                "on conflict (customer_id, hour, topic) do update set contacts = contact_counts.contacts + excluded.contacts")
                .executeUpdate(session)).replaceWithVoid();
    }

    /**
     * How many contacts these customers made per topic since {@code since}: the whole hours from the counts, the first,
     * partial hour from the timeline (through a customer index: at most an hour of the customers' entries).
     */
    public Uni<Map<String, Long>> since(List<String> customerIds, OffsetDateTime since) {
        return sinceSelect(customerIds, since).list(Object[].class).map(rows -> {
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
            return counts;
        });
    }

    /** The statement {@link #since} runs. */
    static NativeSelect sinceSelect(List<String> customerIds, OffsetDateTime since) {
        return new NativeSelect("""
                select topic, sum(contacts) from (
                    select topic, contacts from contact_counts
                    where customer_id""" + " " + SqlArrays.anyOf(1, "text") + """
                        and hour >= ?3
                    union all
                    select coalesce(data::jsonb ->> 'topic', ?5), 1 from timeline_entries
                    where customer_id""" + " " + SqlArrays.anyOf(1, "text") + """
                        and type = ?4 and occurred_at >= ?2 and occurred_at < ?3
                        and data::jsonb ->> 'action' = ?6) c
                group by topic order by topic""", List.of(SqlArrays.of(customerIds), since,
                Contacts.firstWholeHour(since), Contacts.TYPE, Contacts.NO_TOPIC, Contacts.ACTION));
    }
}
