package io.journeyline.local;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an agent waits for when opening Customer 360, measured in the browser (headless Chromium, outside every
 * measured JVM) against a running stack: a customer with {@code --events} timeline entries (100,000) beside one with
 * 1,000, opened in turn {@code --runs} times each, by an agent signed in through the console. Per open, from the
 * browser's Navigation and Paint Timing: time to first byte (the console has fetched every part from the services and
 * rendered the page: the full Customer 360), first contentful paint, and the load event (styles and script too).
 * Prints medians and 90th percentiles; asserts nothing.
 *
 * <pre>deploy/local/bench.sh console [--port-offset N] [--data-dir DIR] [--events 100000] [--runs 20]</pre>
 */
public final class ConsoleBenchmark {
    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int offset = 0;
        Path dataDir = Path.of("deploy/local/data");
        int events = 100_000;
        int runs = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port-offset" -> offset = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        var stack = new PrivacyBenchmark.Stack("this build", offset, Keys.writtenTokens(dataDir));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> customers = new LinkedHashMap<>();
        customers.put("bench-c360-small-" + suffix, 1_000);
        customers.put("bench-c360-large-" + suffix, events);
        for (var customer : customers.entrySet()) {
            PrivacyBenchmark.seed(stack, customer.getKey(), customer.getValue(), 0);
        }
        String console = "http://localhost:" + (LocalStack.CONSOLE_PORT + offset);
        Map<String, Map<String, List<Double>>> timings = new LinkedHashMap<>();
        ChromeDriver driver = Chromium.open("en");
        try {
            Chromium.signIn(driver, console + "/customers", "ada", Duration.ofSeconds(30));
            for (int run = -2; run < runs; run++) {          // two warm-up rounds, not counted
                for (String customer : customers.keySet()) {
                    driver.get(console + "/customers/" + customer);
                    Map<String, Double> open = timing(driver);
                    if (run >= 0) {
                        open.forEach((what, ms) -> timings.computeIfAbsent(customer, c -> new LinkedHashMap<>())
                                .computeIfAbsent(what, w -> new ArrayList<>()).add(ms));
                    }
                }
            }
        } finally {
            driver.quit();
        }
        System.out.printf("Customer 360 in headless Chromium, %d opens each after 2 warm-up rounds, alternating"
                + " (the stack's own build and JVM options: JOURNEYLINE_SERVICE_JVM_OPTS when it was started)%n", runs);
        for (var customer : customers.entrySet()) {
            System.out.printf("  %,7d events:", customer.getValue());
            timings.get(customer.getKey()).forEach((what, ms) -> System.out.printf("  %s median %.0f ms (p90 %.0f)",
                    what, PrivacyBenchmark.median(ms), PrivacyBenchmark.percentile(ms, 0.9)));
            System.out.println();
        }
    }

    /** The open just made, from the browser's own clocks, in ms since navigation start. */
    private static Map<String, Double> timing(ChromeDriver driver) throws InterruptedException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        for (int i = 0; i < 100; i++) {
            Object done = js.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                    + " return n && n.loadEventEnd > 0"
                    + " && performance.getEntriesByType('paint').some(p => p.name === 'first-contentful-paint');");
            if (Boolean.TRUE.equals(done)) {
                break;
            }
            Thread.sleep(50);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) js.executeScript("""
                const n = performance.getEntriesByType('navigation')[0];
                const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
                return {firstByte: n.responseStart, firstPaint: paint ? paint.startTime : n.loadEventEnd,
                        loaded: n.loadEventEnd};""");
        Map<String, Double> timing = new LinkedHashMap<>();
        timing.put("first byte (page rendered)", ((Number) values.get("firstByte")).doubleValue());
        timing.put("first contentful paint", ((Number) values.get("firstPaint")).doubleValue());
        timing.put("loaded", ((Number) values.get("loaded")).doubleValue());
        return timing;
    }
}
