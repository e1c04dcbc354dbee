package io.journeyline.console.rest;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule-set documents backtests were started with from this console, by backtest id, so the backtest's page can
 * offer to activate the very document it tested (journey-service's backtest status does not give its document back).
 * Kept in memory, the last {@value #KEPT}: a backtest started elsewhere, or before a restart, or on another replica of
 * the console, has none here, and its page asks for the document instead.
 */
@ApplicationScoped
public class BacktestDocuments {
    static final int KEPT = 50;

    /** A backtest started here: its document, who started it and when. */
    @io.quarkus.qute.TemplateData
    public record Started(String id, String document, String by, Instant at) {
    }

    private final Map<String, Started> started = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Started> eldest) {
            return size() > KEPT;
        }
    };

    public synchronized void put(String id, String document, String by) {
        started.put(id, new Started(id, document, by, Instant.now()));
    }

    public synchronized Started get(String id) {
        return id == null ? null : started.get(id);
    }

    /** The backtests started here, newest first, at most {@code limit}. */
    public synchronized List<Started> recent(int limit) {
        List<Started> all = new ArrayList<>(started.values());
        java.util.Collections.reverse(all);
        return all.subList(0, Math.min(limit, all.size()));
    }
}
