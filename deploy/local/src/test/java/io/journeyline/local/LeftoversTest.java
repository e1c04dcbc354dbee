package io.journeyline.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a launcher killed without stopping leaves behind, and what the next start on the same data folder does about
 * it — with real processes standing in for the services and PostgreSQL (a process whose command line names the data
 * folder, as the postmaster's does).
 */
class LeftoversTest {
    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void the_next_start_stops_what_a_killed_launcher_left_running() throws Exception {
        Process service = sleeper("sleep");
        Process kafka = sleeper("sleep");
        Files.writeString(dataDir.resolve(Leftovers.FILE), boot() + "launcher " + deadPid() + " 1\n"
                + "journey-service " + service.pid() + " " + Leftovers.startTicks(service.pid()) + "\n"
                + "kafka " + kafka.pid() + " " + Leftovers.startTicks(kafka.pid()) + "\n");

        Leftovers leftovers = Leftovers.takeOver(dataDir);

        assertThat(service.waitFor(10, TimeUnit.SECONDS)).as("the service the killed launcher left").isTrue();
        assertThat(kafka.waitFor(10, TimeUnit.SECONDS)).as("the broker the killed launcher left").isTrue();
        // the record now names this launcher alone, and what it starts is added as it goes
        assertThat(Leftovers.recorded(dataDir)).containsOnlyKeys("launcher")
                .containsEntry("launcher", ProcessHandle.current().pid());
        Process console = sleeper("sleep");
        leftovers.record("console", console.pid());
        assertThat(Leftovers.recorded(dataDir)).containsEntry("console", console.pid());
        leftovers.clear();
        assertThat(dataDir.resolve(Leftovers.FILE)).doesNotExist();
    }

    @Test
    void a_process_that_only_reuses_a_recorded_pid_is_left_alone() throws Exception {
        Process stranger = sleeper("sleep");
        // the pid a dead launcher recorded for its service, now someone else's: another start time
        Files.writeString(dataDir.resolve(Leftovers.FILE), boot() + "launcher " + deadPid() + " 1\n"
                + "journey-service " + stranger.pid() + " " + (Leftovers.startTicks(stranger.pid()) - 1) + "\n");

        Leftovers.takeOver(dataDir);

        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void a_launcher_still_running_on_the_folder_is_refused_not_stopped() throws Exception {
        Process service = sleeper("sleep");
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDir.resolve(Leftovers.FILE), boot() + "launcher " + self + " " + Leftovers.startTicks(self) + "\n"
                + "journey-service " + service.pid() + " " + Leftovers.startTicks(service.pid()) + "\n");

        assertThatThrownBy(() -> Leftovers.takeOver(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another launcher (pid " + self + ") runs on " + dataDir);
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void the_postgres_server_of_this_folder_is_stopped_and_one_working_elsewhere_is_not() throws Exception {
        Path folder = dataDir.resolve("postgres");
        Files.createDirectories(folder);
        Process ours = sleeper("postgres", folder); // a postmaster works in its data folder
        Files.writeString(folder.resolve("postmaster.pid"), ours.pid() + "\n" + folder + "\n");

        Leftovers.takeOver(dataDir).clear();

        assertThat(ours.waitFor(10, TimeUnit.SECONDS)).as("the postmaster of this data folder").isTrue();

        // a stale postmaster.pid whose pid another process has now (one tailing the server's log, say)
        Process other = sleeper("tail", dataDir);
        Files.writeString(folder.resolve("postmaster.pid"), other.pid() + "\n" + folder + "\n");
        Leftovers.takeOver(dataDir);
        assertThat(other.isAlive()).as("a process working elsewhere").isTrue();
    }

    @Test
    void a_record_from_before_the_machine_started_is_ignored() throws Exception {
        Process stranger = sleeper("sleep");
        Files.writeString(dataDir.resolve(Leftovers.FILE), "boot 00000000-0000-0000-0000-000000000000\n"
                + "journey-service " + stranger.pid() + " " + Leftovers.startTicks(stranger.pid()) + "\n");

        Leftovers.takeOver(dataDir);

        assertThat(stranger.isAlive()).isTrue();
    }

    /** A long sleep whose command line reads {@code name …}, as `exec -a` sets it. */
    private Process sleeper(String name) throws Exception {
        return sleeper(name, dataDir);
    }

    private Process sleeper(String name, Path workingDirectory) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", "exec -a '" + name + "' sleep 600")
                .directory(workingDirectory.toFile()).start();
        started.add(process);
        // bash replaces itself with the renamed sleep: wait until /proc shows that
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(Path.of("/proc",
                Long.toString(process.pid()), "cmdline")).startsWith(name.split(" ")[0]));
        return process;
    }

    /** The record's first line: this boot of the machine. */
    private static String boot() throws Exception {
        return "boot " + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim() + "\n";
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }
}
