package io.journeyline.platform.messaging;

import io.journeyline.contract.EventType;
import io.journeyline.contract.event.JourneyEvent;
import io.journeyline.platform.cloudevents.IncomingEvent;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a consumer handles: for each route, the event types and the handler that receives them. Types no route
 * names are acknowledged and skipped (counted in {@code journeyline.events.skipped}). Each handler gets its events
 * of a batch in one call, in delivery order; handlers run one after the other in the order they were declared.
 *
 * <pre>{@code
 * EventRoutes routes = EventRoutes.builder()
 *         .on(CaseRequested.class, cases::open)               // List<Delivery<CaseRequested>>
 *         .on(SurveyResponded.class, cases::followUpAnswered)
 *         .build();
 * }</pre>
 */
public final class EventRoutes {
    private final List<Route> routes;
    private final Set<EventType> handled;

    private EventRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        routes.forEach(route -> types.addAll(route.types));
        this.handled = types;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether some route takes events of {@code type}. */
    public boolean handles(EventType type) {
        return handled.contains(type);
    }

    /** Calls every route that has events in {@code events}, in declaration order, each with its events in order. */
    Uni<Void> dispatch(List<IncomingEvent> events) {
        return InOrder.each(routes, route -> {
            List<IncomingEvent> mine = events.stream().filter(event -> route.types.contains(event.type())).toList();
            return mine.isEmpty() ? Uni.createFrom().voidItem() : route.call.apply(mine);
        });
    }

    /** Declares routes; see {@link EventRoutes}. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        /** Events of the contract type whose data is {@code recordClass}, as typed deliveries. */
        public <T extends JourneyEvent> Builder on(Class<T> recordClass, EventHandler<Delivery<T>> handler) {
            EventType type = EventType.ofRecord(recordClass);
            routes.add(new Route(EnumSet.of(type), events -> handler.handle(
                    events.stream().map(event -> new Delivery<>(event, event.as(recordClass))).toList())));
            return this;
        }

        /** Events of several types in one call, as envelopes: for set-based work over all of them (a timeline). */
        public Builder onEvents(Collection<EventType> types, EventHandler<IncomingEvent> handler) {
            routes.add(new Route(EnumSet.copyOf(types), handler::handle));
            return this;
        }

        public EventRoutes build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a consumer must handle at least one event type");
            }
            return new EventRoutes(routes);
        }
    }

    private record Route(Set<EventType> types, Function<List<IncomingEvent>, Uni<Void>> call) {
    }
}
