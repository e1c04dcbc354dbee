package io.journeyline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process this launcher started, with its output in a log file; only these are ever stopped. It can be started
 * again with the same command and environment ({@link #restart()}), as a pod's container is.
 */
final class ChildProcess {
    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private volatile Process process;
    private volatile int restarts;

    private ChildProcess(String name, List<String> command, Map<String, String> env, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ChildProcess child = new ChildProcess(name, command, env, log);
        child.launch();
        return child;
    }

    private void launch() throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** Stops the process if it still runs (SIGTERM, SIGKILL after 30 s), then starts it again the same way. */
    synchronized void restart() throws IOException {
        stop(30);
        if (Thread.currentThread().isInterrupted()) {
            return; // the launcher is stopping: what was stopped stays stopped
        }
        restarts++;
        launch();
    }

    /** How often {@link #restart()} started it again. */
    int restarts() {
        return restarts;
    }

    /** The exit code of a process that ended (137 after SIGKILL), or -1 while it runs. */
    int exitCode() {
        Process current = process;
        return current.isAlive() ? -1 : current.exitValue();
    }

    /** The process's start time (clock ticks after boot, /proc/PID/stat): with the pid, it names one process. */
    long startTicks() {
        return Leftovers.startTicks(pid());
    }

    /** Runs a command to completion; fails with its output when it exits non-zero. */
    static void run(String what, List<String> command, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " failed; see " + log + ":\n" + tail(log));
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Resident memory in MiB, read from /proc (Linux), or -1. */
    long residentMiB() {
        return residentMiB(process.pid());
    }

    /** Resident memory of process {@code pid} in MiB, read from /proc (Linux), or -1. */
    static long residentMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, then SIGKILL after {@code seconds}. */
    void stop(int seconds) {
        Process process = this.process;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
