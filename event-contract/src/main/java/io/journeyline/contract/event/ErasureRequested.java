package io.journeyline.contract.event;

import java.util.List;

/**
 * {@code io.journeyline.privacy.erasure-requested}: a privacy officer asked journey-service to erase a customer and
 * every customer linked to it by identity ({@code customerIds}, the asked-for one first). Each service erases them in
 * its own database, keeps a tombstone, and answers with {@link ErasureCompleted}. The event's {@code time} is the
 * erasure's time: events of these customers dated at or before it are dropped wherever they arrive later.
 */
public record ErasureRequested(
        String customerId,
        String erasureId,
        String reason,
        List<String> customerIds) implements JourneyEvent {
}
