package io.journeyline.journey.service;

import io.journeyline.journey.service.TimelineService.OwnEntry;
import io.journeyline.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step of the batch has to tell: events to publish (each also shown in its customer's timeline at a given
 * time, when it concerns a customer) and timeline entries that are not published (suppressed interventions).
 * Collected by several steps and sent together: one outbox statement and one timeline statement.
 */
final class Announcements {
    private final List<Outbox.Publication> publications = new ArrayList<>();
    private final List<OffsetDateTime> shownAt = new ArrayList<>();
    private final List<OwnEntry> unpublished = new ArrayList<>();

    /** Publish {@code publication}; show it in the timeline at {@code at} (null: not shown, e.g. an aggregate). */
    Announcements publish(Outbox.Publication publication, OffsetDateTime at) {
        publications.add(publication);
        shownAt.add(at);
        return this;
    }

    /** Show an entry that is not published. */
    Announcements show(OwnEntry entry) {
        unpublished.add(entry);
        return this;
    }

    Announcements add(Announcements other) {
        publications.addAll(other.publications);
        shownAt.addAll(other.shownAt);
        unpublished.addAll(other.unpublished);
        return this;
    }

    /** Publishes everything through the outbox and adds the timeline entries; the published ids, in order. */
    Uni<List<String>> send(Outbox outbox, TimelineService timeline) {
        return outbox.publishAll(publications).call(ids -> {
            List<OwnEntry> entries = new ArrayList<>(unpublished);
            for (int i = 0; i < ids.size(); i++) {
                if (shownAt.get(i) != null) {
                    entries.add(OwnEntry.of(publications.get(i).event(), ids.get(i), shownAt.get(i)));
                }
            }
            return timeline.recordOwn(entries);
        });
    }

    List<Outbox.Publication> publications() {
        return publications;
    }
}
