package fr.nogentech.events.mailing;

import fr.nogentech.events.event.EventDefaults;
import fr.nogentech.events.store.MailingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the schedules ask of the mailing function. The monthly schedule's payload carries its scheduled time
 * ({@code {"scheduledTime": "2023-10-01T07:00:00Z"}}): the month is that time's month in Paris, never the clock's, so
 * a replayed payload sends that month. The resume schedule ({@code {"resume": true}}) goes on with every mailing
 * started and not finished.
 */
public class ScheduledMailing {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledMailing.class);

    private final MonthlyMailing mailing;
    private final MailingStore mailings;

    public ScheduledMailing(MonthlyMailing mailing, MailingStore mailings) {
        this.mailing = mailing;
        this.mailings = mailings;
    }

    public Map<String, Object> handle(Map<String, Object> payload, BooleanSupplier timeLeft) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (payload != null && Boolean.TRUE.equals(payload.get("resume"))) {
            for (YearMonth month : mailings.unfinished()) {
                result.put(month.toString(), mailing.run(month, timeLeft).name().toLowerCase(Locale.ROOT));
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
        result.put(month.toString(), mailing.run(month, timeLeft).name().toLowerCase(Locale.ROOT));
        return result;
    }
}
