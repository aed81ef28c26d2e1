package io.webpaas.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used so far by a process (or the whole machine), all threads, user and system: the
 * benchmark's main figure on a shared machine, where latency depends on what else runs but CPU
 * per certificate does not. Read from {@code /proc} (Linux), in clock ticks of 10 ms.
 */
final class ProcessCpu {
    /** USER_HZ: what {@code /proc} counts in on every mainstream Linux architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path stat;

    private ProcessCpu(Path stat) {
        this.stat = stat;
    }

    static ProcessCpu of(long pid) throws IOException {
        ProcessCpu cpu = new ProcessCpu(Path.of("/proc", Long.toString(pid), "stat"));
        cpu.used(); // fails now, not mid-run, when there is no such process
        return cpu;
    }

    /** This JVM: the load generator's own cost. */
    static Duration ofThisProcess() {
        return Duration.ofNanos(((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime());
    }

    /**
     * CPU time the whole machine has spent busy since boot, all cores: with the gateway's and
     * the generator's own, says what the rest (the sshd, the shells it starts) took.
     */
    static Duration ofMachine() throws IOException {
        // first line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal ...";
        // idle, iowait and steal (the hypervisor's) are not this machine's work
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split(" +");
        long busy = 0;
        for (int field : new int[] {1, 2, 3, 6, 7}) {
            busy += Long.parseLong(fields[field]);
        }
        return Duration.ofMillis(busy * 1000 / TICKS_PER_SECOND);
    }

    /**
     * CPU time the JIT compiler threads of a JVM have used so far: those alive now (the JVM may
     * have ended idle ones, so this can go down).
     */
    static Duration compiling(long pid) throws IOException {
        Duration total = Duration.ZERO;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    if (Files.readString(thread.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        total = total.plus(new ProcessCpu(thread.resolve("stat")).used());
                    }
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        }
        return total;
    }

    Duration used() throws IOException {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            throw new IOException("cannot read " + stat + ": is the server's process id right?", e);
        }
        // the command name in parentheses may hold spaces: count fields after its closing one
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
    }
}
