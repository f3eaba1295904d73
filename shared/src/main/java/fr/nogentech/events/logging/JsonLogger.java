package fr.nogentech.events.logging;

import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

import java.util.List;

/**
 * A logger of {@link JsonLogProvider}. Messages are formatted as SLF4J formats them; key-value pairs of the fluent
 * API ({@code LOG.atInfo().addKeyValue("month", month).log("mailing finished")}) become fields of the record.
 */
final class JsonLogger extends LegacyAbstractLogger implements LoggingEventAware {

    JsonLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogRecords.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogRecords.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogRecords.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogRecords.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogRecords.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        LogRecords.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), List.of(), throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        if (!LogRecords.enabled(event.getLevel())) {
            return;
        }
        Object[] arguments = event.getArgumentArray();
        String message = arguments == null
                ? event.getMessage()
                : MessageFormatter.basicArrayFormat(event.getMessage(), arguments);
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        LogRecords.write(event.getLevel(), name, message, pairs, event.getThrowable());
    }
}
