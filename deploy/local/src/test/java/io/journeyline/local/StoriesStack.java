package io.journeyline.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * The suite's one packaged-stack start for every class that needs the launcher's default configuration: StoriesIT,
 * ConsoleIT, then LocalStackIT run last, in that order (@Order, see the failsafe configuration), on this one stack,
 * started by the first of them that runs; LocalStackIT stops it as the last of its checks (and restarts it once, to
 * find the data still there). Else the test JVM's end stops it. SecuredKafkaIT starts a stack of its own: its Kafka has
 * SCRAM logins and ACLs ({@code --kafka-users}), a launcher configuration this stack must not have, since the others
 * check the README's run command, which has none.
 *
 * <p>The stack sends case follow-ups as the relationship NPS, the scale story 2 is told on. Its SLA targets are the
 * production ones (a HIGH case is to be acknowledged within 4 h, the shortest any case here has), far longer than the
 * whole suite, so no case breaches by accident however slow the machine; story 7, the one that must see a breach, files
 * its complaint as taken 5 hours ago, which starts the case's clocks then.
 */
final class StoriesStack {
    /** Not 2000: the console would be on 10080, a port browsers refuse to connect to (ERR_UNSAFE_PORT). */
    static final int OFFSET = 2500;
    static final Stack STACK = new Stack(OFFSET, Path.of(System.getProperty("stories.data", "target/stories-data")),
            Map.of("JOURNEYLINE_SURVEYS_FOLLOW_UP_SURVEY", "relationship-nps",
                    // story 8 plays two months of history as if live (its education must go out 60 days ago)
                    DemoData.STALE_AFTER_VARIABLE, DemoData.STALE_AFTER,
                    // the console's pages refresh their live parts every 2 s instead of 15 (ConsoleIT waits for one)
                    "JOURNEYLINE_CONSOLE_REFRESH_INTERVAL", "PT2S"));
    private static boolean started;

    private StoriesStack() {
    }

    /** The running stack, started (from an empty data folder) on first use. */
    static synchronized Stack start() throws Exception {
        if (!started) {
            Stack.deleteRecursively(STACK.dataDir);
            STACK.start();
            started = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    if (STACK.running()) {
                        STACK.stop();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stories-stack-stop"));
        }
        return STACK;
    }

    /** The console's URL. */
    static String console() {
        return "http://localhost:" + (LocalStack.CONSOLE_PORT + OFFSET);
    }
}
