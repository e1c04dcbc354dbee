package io.journeyline.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reads harness's open loop counts what a slow answer makes the next requests wait (no coordinated omission), and
 * its percentiles count the requests the schedule never got to send.
 */
class ReadsBenchmarkTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void requests_never_sent_count_in_the_percentiles_with_the_time_they_waited() {
        var run = new ReadsBenchmark.Run(Collections.nCopies(98, 2.0), List.of(800.0, 900.0), 1, 1.0);

        assertThat(run.requests()).isEqualTo(98);
        assertThat(run.notSent()).isEqualTo(2);
        assertThat(run.p50()).isEqualTo(2.0);
        assertThat(run.p99()).isEqualTo(900.0);
        assertThat(run.max()).isEqualTo(900.0);
    }

    @Test
    void open_loop_latency_runs_from_the_scheduled_send_time_so_queueing_behind_a_slow_server_counts() throws Exception {
        // a server that answers one request at a time, 100 ms each: 10 a second, while the schedule asks for 50
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 100);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        HttpRequest slow = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getAddress().getPort()
                + "/slow")).GET().build();

        ReadsBenchmark.Run open = ReadsBenchmark.openLoop(slow, 50, Duration.ofSeconds(1));

        // every request was sent on time, but the 50th is answered only after the 49 before it (≥ 5 s after the
        // first send), 0.98 s after the first was due: it waited at least 4 s, though the server took 100 ms for it
        assertThat(open.requests()).isEqualTo(50);
        assertThat(open.notSent()).isZero();
        assertThat(open.non200()).isZero();
        assertThat(open.max()).isGreaterThanOrEqualTo(4000.0);
        assertThat(open.p50()).isGreaterThanOrEqualTo(1500.0);
    }
}
