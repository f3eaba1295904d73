package fr.nogentech.events.announcement;

import fr.nogentech.events.event.EventDefaults;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the monthly schedule fires in a month, read from its EventBridge Scheduler expression (the template's
 * {@code MailingSchedule}, in Europe/Paris time), so that the resume schedule can tell a month whose scheduled run
 * never came. Only the monthly form {@code cron(minute hour day-of-month * ? *)} is understood; for any other, the
 * resume schedule starts no month by itself.
 */
public final class MailingSchedule {

    private static final Pattern MONTHLY =
            Pattern.compile("cron\\(\\s*(\\d{1,2})\\s+(\\d{1,2})\\s+(\\d{1,2})\\s+\\*\\s+\\?\\s+\\*\\s*\\)");

    private final int minute;
    private final int hour;
    private final int day;

    private MailingSchedule(int minute, int hour, int day) {
        this.minute = minute;
        this.hour = hour;
        this.day = day;
    }

    public static Optional<MailingSchedule> parse(String expression) {
        Matcher matcher = MONTHLY.matcher(expression == null ? "" : expression.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int minute = Integer.parseInt(matcher.group(1));
        int hour = Integer.parseInt(matcher.group(2));
        int day = Integer.parseInt(matcher.group(3));
        if (minute > 59 || hour > 23 || day < 1 || day > 28) {
            return Optional.empty();
        }
        return Optional.of(new MailingSchedule(minute, hour, day));
    }

    /** When the schedule fires in {@code month}. */
    public Instant firesIn(YearMonth month) {
        return month.atDay(day)
                .atTime(hour, minute)
                .atZone(EventDefaults.TIME_ZONE)
                .toInstant();
    }
}
