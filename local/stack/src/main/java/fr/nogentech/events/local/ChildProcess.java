package fr.nogentech.events.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A child process (a browser, bash and curl, a server) run to its end within a time limit that holds: its output and
 * errors are read on threads of their own while this one waits, so a child that never exits, or that exits while a
 * process it started still holds its output open, is stopped when the time is up (with the processes it started that
 * were seen meanwhile), and the failure says what it had written. Reading a child's output to its end before waiting
 * for it would block as long as the output stays open, and the time limit would never be reached.
 */
public final class ChildProcess {

    /** How often the waiting looks again, and notes the processes the child has started. */
    private static final long POLL_MILLIS = 50;

    /** How a child ended: its exit code, its standard output and its standard error (empty when not read apart). */
    public record Result(int exitCode, String output, String errors) {}

    private ChildProcess() {}

    /**
     * Starts the child and waits for it and for the end of its output, at most {@code timeout} in all.
     *
     * @throws IllegalStateException when it cannot start, or has not finished in time (it is then stopped), saying
     *                               what it wrote
     */
    public static Result run(ProcessBuilder builder, Duration timeout) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + builder.command() + ": " + e.getMessage(), e);
        }
        Drain output = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? new Drain(process.getInputStream(), "stdout")
                : null;
        Drain errors = !builder.redirectErrorStream() && builder.redirectError() == ProcessBuilder.Redirect.PIPE
                ? new Drain(process.getErrorStream(), "stderr")
                : null;
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<ProcessHandle> started = new HashSet<>();
        try {
            while (!process.waitFor(Math.min(POLL_MILLIS, remainingMillis(deadline)), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(started::add);
                if (remainingMillis(deadline) == 0) {
                    stop(process, started, output, errors);
                    throw new IllegalStateException(builder.command() + " did not finish within " + timeout.toMillis()
                            + " ms and was stopped; it wrote:\n" + written(output, errors));
                }
            }
            boolean ended = (output == null || output.awaitEnd(remainingMillis(deadline)))
                    && (errors == null || errors.awaitEnd(remainingMillis(deadline)));
            if (!ended) {
                stop(process, started, output, errors);
                throw new IllegalStateException(builder.command() + " exited with " + process.exitValue() + ", but "
                        + "a process it started kept its output open past " + timeout.toMillis() + " ms; it wrote:\n"
                        + written(output, errors));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process, started, output, errors);
            throw new IllegalStateException("interrupted while waiting for " + builder.command(), e);
        }
        return new Result(
                process.exitValue(), output == null ? "" : output.text(), errors == null ? "" : errors.text());
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    /** Stops the child and what it started, and lets the readers take what was written until then. */
    private static void stop(Process process, Set<ProcessHandle> started, Drain output, Drain errors) {
        process.descendants().forEach(started::add);
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            if (output != null) {
                output.awaitEnd(200);
            }
            if (errors != null) {
                errors.awaitEnd(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String written(Drain output, Drain errors) {
        StringBuilder text = new StringBuilder();
        if (output != null) {
            text.append(output.text());
        }
        if (errors != null && !errors.text().isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n").append("(stderr) ").append(errors.text());
        }
        return text.isEmpty() ? "(nothing)" : text.toString();
    }

    /** One stream of the child, read to its end on a daemon thread, as far as it has come at any moment. */
    private static final class Drain {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Drain(InputStream in, String name) {
            reader = Thread.ofPlatform().daemon().name("child-" + name).start(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the stream was closed under the reader: what was read stays
                }
            });
        }

        boolean awaitEnd(long millis) throws InterruptedException {
            reader.join(Math.max(1, millis));
            return !reader.isAlive();
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
