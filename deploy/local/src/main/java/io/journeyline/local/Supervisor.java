package io.journeyline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the stack's processes get from Kubernetes in a cluster, for {@code local-stack --supervise}: a process that exits
 * is started again, and so is one whose liveness check ({@code /q/health/live} on its management port) fails
 * {@value #FAILURES} times in a row at the manifests' period (10 s, 3 s timeout) — as the Deployments' probes would.
 * A stopped consumer channel reports itself not live, so an outage that outlasts a consumer's retries ends in a restart
 * that resumes from the last committed offset. Backs off between restarts of one process (1 s doubling to 30 s), and
 * leaves alone what {@link #hold(String) is held} down on purpose.
 */
final class Supervisor implements AutoCloseable {
    static final int FAILURES = 3;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    /** A watched process and its management port, or null for one without a liveness check (Kafka). */
    private record Watched(ChildProcess process, Integer managementPort) {
    }

    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastCheck = new ConcurrentHashMap<>();
    private final Map<String, Boolean> wasLive = new ConcurrentHashMap<>();
    private final Map<String, Duration> backOff = new ConcurrentHashMap<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Consumer<ChildProcess> restarted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param restarted told each process started again (the launcher records its new pid) */
    Supervisor(Consumer<ChildProcess> restarted) {
        this.restarted = restarted;
        this.thread = new Thread(this::loop, "local-stack-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    void watch(ChildProcess process, Integer managementPort) {
        watched.put(process.name(), new Watched(process, managementPort));
    }

    /** Not restarted until {@link #release(String)}: stopped on purpose (local-stack's control input). */
    void hold(String name) {
        held.add(name);
    }

    void release(String name) {
        held.remove(name);
        failures.remove(name);
        wasLive.remove(name);
    }

    private void loop() {
        while (running) {
            for (var entry : watched.entrySet()) {
                if (!running) {
                    return;
                }
                String name = entry.getKey();
                if (!held.contains(name)) {
                    check(name, entry.getValue());
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(String name, Watched watched) {
        ChildProcess process = watched.process();
        if (!process.isAlive()) {
            restart(process, "exited (code " + process.exitCode() + ")");
            return;
        }
        if (watched.managementPort() == null) {
            return;
        }
        Instant now = Instant.now();
        if (lastCheck.containsKey(name) && now.isBefore(lastCheck.get(name).plus(PERIOD))) {
            return;
        }
        lastCheck.put(name, now);
        boolean live = live(watched.managementPort());
        if (live) {
            wasLive.put(name, true);
            failures.remove(name);
            backOff.remove(name);
        } else if (wasLive.getOrDefault(name, false) && failures.merge(name, 1, Integer::sum) >= FAILURES) {
            // only once it has been live since it started: the startup is the launcher's readiness wait's to judge
            restart(process, "failed its liveness check " + FAILURES + " times in a row");
        }
    }

    private boolean live(int managementPort) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/live"))
                    .timeout(TIMEOUT).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void restart(ChildProcess process, String why) {
        String name = process.name();
        Duration wait = backOff.getOrDefault(name, Duration.ofSeconds(1));
        System.out.printf("%s %s: starting it again in %d s (restart %d)%n", name, why, wait.toSeconds(),
                process.restarts() + 1);
        System.out.flush();
        try {
            Thread.sleep(wait.toMillis());
            if (!running || held.contains(name)) {
                return;
            }
            process.restart();
            restarted.accept(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            System.err.println(name + " did not start again: " + e.getMessage());
        }
        backOff.put(name, wait.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait.multipliedBy(2));
        failures.remove(name);
        wasLive.remove(name);
        lastCheck.put(name, Instant.now());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(35).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
