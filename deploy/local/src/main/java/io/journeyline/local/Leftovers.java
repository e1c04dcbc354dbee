package io.journeyline.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a launcher started, written to {@code <data-dir>/stack.pids} as it starts each process, so that a launcher that
 * ended without stopping them (SIGKILL, a crash, a closed terminal) leaves nothing in the way of the next start: the
 * next launcher on the same data folder stops exactly those processes and the PostgreSQL server of that folder, then
 * starts afresh. A process is recognised by its pid <em>and</em> its start time (in this boot of the machine), so a
 * stranger that reuses a pid is never touched; PostgreSQL by its own {@code postmaster.pid} in this data folder and a
 * working directory that is the folder (a postmaster works in its data directory).
 * A launcher still alive on the folder is refused, not stopped.
 */
final class Leftovers {
    static final String FILE = "stack.pids";
    private static final String LAUNCHER = "launcher";
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** A fast shutdown writes a checkpoint first, which takes a while on a busy machine. */
    private static final Duration POSTGRES_GRACE = Duration.ofSeconds(120);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private final Path file;
    /** Name → "pid startTicks", in start order. */
    private final Map<String, String> entries = new LinkedHashMap<>();

    private Leftovers(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /**
     * Stops what a launcher on {@code dataDir} left running, and starts a fresh record naming this launcher.
     *
     * @throws IllegalStateException when the launcher that wrote the record still runs
     */
    static Leftovers takeOver(Path dataDir) throws IOException, InterruptedException {
        Leftovers leftovers = new Leftovers(dataDir);
        Map<String, long[]> previous = read(leftovers.file);
        long[] launcher = previous.remove(LAUNCHER);
        if (launcher != null && alive(launcher[0], launcher[1])) {
            throw new IllegalStateException("another launcher (pid " + launcher[0] + ") runs on " + dataDir
                    + ": stop it first (Ctrl-C there, or kill " + launcher[0] + ")");
        }
        List<ProcessHandle> ours = new ArrayList<>();
        previous.forEach((name, process) -> {
            if (alive(process[0], process[1])) {
                System.out.printf("A launcher that did not stop left %s running (pid %d): stopping it%n", name, process[0]);
                ProcessHandle.of(process[0]).ifPresent(ours::add);
            }
        });
        for (int i = ours.size() - 1; i >= 0; i--) {
            ours.get(i).destroy();
        }
        for (ProcessHandle process : ours) {
            awaitExit(process);
        }
        stopPostgres(dataDir.resolve("postgres"));
        leftovers.record(LAUNCHER, ProcessHandle.current().pid());
        return leftovers;
    }

    /** Adds (or, after a restart, replaces) a started process in the record. */
    synchronized void record(String name, long pid) {
        entries.put(name, pid + " " + startTicks(pid));
        write();
    }

    /** After a clean stop nothing is left: the record goes. */
    synchronized void clear() {
        entries.clear();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not remove " + file + ": " + e.getMessage());
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder("# written by deploy/local's launcher: what it started (name pid start-ticks)\n")
                .append("boot ").append(bootId()).append('\n');
        entries.forEach((name, process) -> text.append(name).append(' ').append(process).append('\n'));
        try {
            Path temporary = file.resolveSibling(FILE + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("could not write " + file, e);
        }
    }

    /** The pid of each process the launcher on {@code dataDir} runs now (what chaos.sh signals), launcher included. */
    static Map<String, Long> recorded(Path dataDir) throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        read(dataDir.resolve(FILE)).forEach((name, process) -> pids.put(name, process[0]));
        return pids;
    }

    private static Map<String, long[]> read(Path file) throws IOException {
        Map<String, long[]> processes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return processes;
        }
        List<String> lines = Files.readAllLines(file);
        if (!lines.contains("boot " + bootId())) {
            return processes; // written before the machine last started: every process it names is gone
        }
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && !line.startsWith("#")) {
                processes.put(fields[0], new long[]{Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return processes;
    }

    /**
     * The PostgreSQL server of this data folder, if one runs: the pid its {@code postmaster.pid} names, when that
     * process's command line names this folder. Fast shutdown (SIGINT): its clients were the services just stopped.
     */
    private static void stopPostgres(Path folder) throws IOException, InterruptedException {
        Path pidFile = folder.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException e) {
            return;
        }
        if (!runsIn(pid, folder)) {
            return; // a stale file: no server, or a pid some other process has now
        }
        System.out.printf("A launcher that did not stop left PostgreSQL running on %s (pid %d): stopping it%n", folder, pid);
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        ProcessHandle.of(pid).ifPresent(server -> awaitExit(server, POSTGRES_GRACE));
    }

    /** The postmaster works in its data folder: a process whose working directory is {@code folder}. */
    private static boolean runsIn(long pid, Path folder) {
        try {
            return Files.isSameFile(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")), folder);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void awaitExit(ProcessHandle process) {
        awaitExit(process, GRACE);
    }

    private static void awaitExit(ProcessHandle process, Duration grace) {
        try {
            process.onExit().get(grace.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static boolean alive(long pid, long startTicks) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && startTicks(pid) == startTicks;
    }

    private static String bootId() {
        try {
            return Files.readString(BOOT_ID).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Field 22 of /proc/PID/stat: when the process started, in clock ticks after boot; -1 when it is gone. */
    static long startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
