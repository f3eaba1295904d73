package fr.nogentech.events.announcement;

import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.store.MailingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the mailer function is asked. The monthly schedule's payload carries its scheduled time
 * ({@code {"scheduledTime": "2023-10-01T07:00:00Z"}}): the month is that time's month in Paris, never the clock's, so
 * a replayed payload sends that month. The resume schedule ({@code {"resume": true, "scheduledTime": …}}) goes on
 * with every mailing started and not finished, and starts the current month when its scheduled run should have come
 * and no mailing began (that run failed before it started). An administrator's send arrives as
 * {@code {"month": "2023-10"}}.
 */
public class ScheduledMailing {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMailing.class);

    private final MonthlyMailing mailing;
    private final MailingStore mailings;
    private final Optional<MailingSchedule> schedule;

    public ScheduledMailing(MonthlyMailing mailing, MailingStore mailings, Optional<MailingSchedule> schedule) {
        this.mailing = mailing;
        this.mailings = mailings;
        this.schedule = schedule;
    }

    /** The current month's mailing rehearsed, and the unfinished ones looked up: nothing sent. */
    public void rehearse(Instant now) {
        mailings.unfinished();
        mailing.rehearse(YearMonth.from(now.atZone(EventDefaults.TIME_ZONE)));
    }

    /** The month's mailing to one example subscriber, in priming's dry run ({@link MonthlyMailing#dryRun}). */
    public void dryRun(Instant now) {
        mailing.dryRun(YearMonth.from(now.atZone(EventDefaults.TIME_ZONE)));
    }

    public Map<String, Object> handle(Map<String, Object> payload, BooleanSupplier timeLeft) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (payload != null && payload.get("month") instanceof String requested) {
            YearMonth month;
            try {
                month = YearMonth.parse(requested);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("the payload's month must be yyyy-mm, such as 2023-10");
            }
            result.put(month.toString(), outcome(mailing.run(month, timeLeft)));
            return result;
        }
        if (payload != null && Boolean.TRUE.equals(payload.get("resume"))) {
            List<YearMonth> months = new ArrayList<>(mailings.unfinished());
            overdue(payload).filter(month -> !months.contains(month)).ifPresent(months::add);
            for (YearMonth month : months) {
                result.put(month.toString(), outcome(mailing.run(month, timeLeft)));
            }
            return result;
        }
        Object scheduledTime = payload == null ? null : payload.get("scheduledTime");
        YearMonth month;
        try {
            month = YearMonth.from(Instant.parse(String.valueOf(scheduledTime)).atZone(EventDefaults.TIME_ZONE));
        } catch (DateTimeParseException e) {
            LOG.error("mailing: the payload has no scheduledTime (an ISO instant); nothing sent");
            throw new IllegalArgumentException("the payload needs a scheduledTime such as 2023-10-01T07:00:00Z");
        }
        result.put(month.toString(), outcome(mailing.run(month, timeLeft)));
        return result;
    }

    /** The resume's month, when its scheduled run should have come and its mailing never started. */
    private Optional<YearMonth> overdue(Map<String, Object> payload) {
        Instant now;
        try {
            now = Instant.parse(String.valueOf(payload.get("scheduledTime")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        YearMonth month = YearMonth.from(now.atZone(EventDefaults.TIME_ZONE));
        return schedule.filter(s -> !now.isBefore(s.firesIn(month)))
                .filter(s -> mailings.find(month).isEmpty())
                .map(s -> month);
    }

    private static String outcome(MonthlyMailing.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
