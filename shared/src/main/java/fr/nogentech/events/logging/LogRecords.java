package fr.nogentech.events.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.MDC;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the JSON records: {@code timestamp} (RFC 3339), {@code level}, {@code logger}, {@code message}, the Lambda
 * request id and function name that the handler edge ({@code FunctionHandler}) puts in the MDC, the record's own key-value pairs, and for an
 * exception its class and where it was thrown, never its message (it may quote a request).
 *
 * <p>The level is Lambda's {@code AWS_LAMBDA_LOG_LEVEL} (the template's {@code ApplicationLogLevel}), else the
 * {@code log.level} system property, else INFO.
 */
public final class LogRecords {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Level THRESHOLD = threshold();
    private static volatile Consumer<String> sink = line -> System.out.println(line);

    private LogRecords() {}

    static boolean enabled(Level level) {
        return level.toInt() >= THRESHOLD.toInt();
    }

    /**
     * Sends the records to {@code lines} until the returned handle is closed (the tests read a whole flow's logs).
     */
    public static AutoCloseable capture(Consumer<String> lines) {
        Consumer<String> previous = sink;
        sink = line -> {
            previous.accept(line);
            lines.accept(line);
        };
        return () -> sink = previous;
    }

    static void write(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable throwable) {
        StringWriter line = new StringWriter(160);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeStringField("level", level.name());
            json.writeStringField("logger", logger.substring(logger.lastIndexOf('.') + 1));
            json.writeStringField("message", message);
            writeIfPresent(json, "requestId", MDC.get("AWSRequestId"));
            writeIfPresent(json, "function", MDC.get("AWSFunctionName"));
            // priming's rehearsal of the write path, which sends nothing (lambda.DryRun)
            writeIfPresent(json, "dryRun", MDC.get("dryRun"));
            for (KeyValuePair pair : pairs) {
                json.writeFieldName(pair.key);
                if (pair.value instanceof Number number) {
                    json.writeNumber(number.toString());
                } else if (pair.value instanceof Boolean bool) {
                    json.writeBoolean(bool);
                } else {
                    json.writeString(String.valueOf(pair.value));
                }
            }
            if (throwable != null) {
                json.writeStringField("exception", throwable.getClass().getName());
                StackTraceElement[] frames = throwable.getStackTrace();
                if (frames.length > 0) {
                    json.writeStringField("thrownAt", frames[0].toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sink.accept(line.toString());
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }

    private static Level threshold() {
        String configured = System.getenv("AWS_LAMBDA_LOG_LEVEL");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("log.level", "INFO");
        }
        String name = configured.trim().toUpperCase(Locale.ROOT);
        if (name.equals("FATAL")) {
            return Level.ERROR;
        }
        try {
            return Level.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
