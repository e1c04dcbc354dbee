package io.journeyline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the stack's processes get from Kubernetes in a cluster, for {@code local-stack --supervise}: a process that exits
 * is started again, and so is one whose liveness check ({@code /q/health/live} on its management port) fails
 * {@value #FAILURES} times in a row at the manifests' period (10 s, 3 s timeout) — as the Deployments' probes would.
 * A stopped consumer channel reports itself not live, so an outage that outlasts a consumer's retries ends in a restart
 * that resumes from the last committed offset. A (re)started process not live within 180 s is restarted too (the
 * startup probe's part). Backs off between restarts of one process (1 s doubling to 30 s, back to 1 s once it has been
 * up a minute), watches each process on its own thread, and leaves alone what {@link #hold(String) is held} down on
 * purpose.
 */
final class Supervisor implements AutoCloseable {
    static final int FAILURES = 3;
    private static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** How long a (re)started process has to become live, as the launcher's own readiness wait. */
    private static final Duration STARTUP = Duration.ofSeconds(180);
    /** Up this long, a process's back-off starts again from a second. */
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final Consumer<ChildProcess> restarted;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /** @param restarted told each process started again (the launcher records its new pid) */
    Supervisor(Consumer<ChildProcess> restarted) {
        this.restarted = restarted;
    }

    /**
     * Watches {@code process} on a thread of its own (a restart's back-off and stop do not hold up the others), with a
     * liveness check on {@code managementPort}, or none (Kafka) when null.
     */
    void watch(ChildProcess process, Integer managementPort) {
        Thread thread = new Thread(() -> new Watch(process, managementPort).run(), "supervise-" + process.name());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Not restarted until {@link #release(String)}: stopped on purpose (local-stack's control input). */
    void hold(String name) {
        held.add(name);
    }

    void release(String name) {
        held.remove(name);
    }

    /** One process's probe, as the kubelet runs it for a container. */
    private final class Watch {
        private final ChildProcess process;
        private final Integer managementPort;
        private Instant startedAt = Instant.now();
        private Instant lastCheck = Instant.MIN;
        private boolean wasLive;
        private int failures;
        private Duration backOff = Duration.ofSeconds(1);

        Watch(ChildProcess process, Integer managementPort) {
            this.process = process;
            this.managementPort = managementPort;
        }

        void run() {
            while (running) {
                if (held.contains(process.name())) {
                    startedAt = Instant.now(); // started again by the control input: a fresh start
                    wasLive = false;
                    failures = 0;
                } else {
                    check();
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void check() {
            Instant now = Instant.now();
            if (!process.isAlive()) {
                restart("exited (code " + process.exitCode() + ")");
                return;
            }
            if (now.isAfter(startedAt.plus(STABLE)) && (managementPort == null || wasLive)) {
                backOff = Duration.ofSeconds(1);
            }
            if (managementPort == null || now.isBefore(lastCheck.plus(PERIOD))) {
                return;
            }
            lastCheck = now;
            if (live()) {
                wasLive = true;
                failures = 0;
            } else if (wasLive && ++failures >= FAILURES) {
                restart("failed its liveness check " + FAILURES + " times in a row");
            } else if (!wasLive && now.isAfter(startedAt.plus(STARTUP))) {
                restart("was not live " + STARTUP.toSeconds() + " s after it started");
            }
        }

        private boolean live() {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                        + "/q/health/live")).timeout(TIMEOUT).build();
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void restart(String why) {
            String name = process.name();
            System.out.printf("%s %s: starting it again in %d s (restart %d)%n", name, why, backOff.toSeconds(),
                    process.restarts() + 1);
            System.out.flush();
            try {
                Thread.sleep(backOff.toMillis());
                synchronized (process) { // the control input's stop waits for this, and this for it
                    if (!running || held.contains(name)) {
                        return;
                    }
                    process.restart();
                }
                if (running && process.isAlive()) {
                    restarted.accept(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.err.println(name + " did not start again: " + e.getMessage());
            }
            backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            startedAt = Instant.now();
            lastCheck = Instant.now();
            wasLive = false;
            failures = 0;
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(35).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
