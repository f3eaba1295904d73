package fr.nogentech.events.calendar;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.property.RecurrenceDates;
import biweekly.util.DateTimeComponents;
import biweekly.util.DayOfWeek;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code VTIMEZONE} for a zone, made from the JDK's own time-zone database (java.time's {@link ZoneRules}), so that
 * no definition is bundled and nothing is downloaded: the offset in force on 1 January 1970, each change of offset
 * since then (one observance per kind of change, its other dates as {@code RDATE}), and the zone's present rules as
 * yearly {@code RRULE}s, the form Outlook and Google read. History before 1970 is left out: biweekly writes offsets in
 * minutes, and local mean times (Paris's +00:09:21 until 1911) have seconds; the association's events are all later.
 */
final class ZoneDefinitions {

    private static final Instant SINCE = Instant.parse("1970-01-01T00:00:00Z");
    /** The last year written as dates when a rule has no simple {@code RRULE} (Gaza, Easter Island: not Paris). */
    private static final int LAST_LISTED_YEAR = 2100;

    private static final Map<ZoneId, VTimezone> DEFINITIONS = new ConcurrentHashMap<>();

    private ZoneDefinitions() {}

    /** The definition of {@code zone}; the same instance each time, never to be changed. */
    static VTimezone of(ZoneId zone) {
        return DEFINITIONS.computeIfAbsent(zone, ZoneDefinitions::define);
    }

    private static VTimezone define(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        TimeZone names = TimeZone.getTimeZone(zone);
        VTimezone definition = new VTimezone(zone.getId());

        ZoneOffset initial = rules.getOffset(SINCE);
        Observance first = observance(rules.isDaylightSavings(SINCE), initial, initial, names);
        first.setDateStart(local(LocalDateTime.ofInstant(SINCE, initial)));
        definition.addComponent(first);

        // Changes since 1970, grouped by kind: one observance each, with its first date as DTSTART.
        Map<List<Object>, Observance> changes = new LinkedHashMap<>();
        ZoneOffsetTransition last = null;
        for (ZoneOffsetTransition transition : rules.getTransitions()) {
            if (transition.getInstant().isBefore(SINCE)) {
                continue;
            }
            last = transition;
            boolean daylight = rules.isDaylightSavings(transition.getInstant());
            List<Object> kind = List.of(daylight, transition.getOffsetBefore(), transition.getOffsetAfter());
            Observance observance = changes.get(kind);
            if (observance == null) {
                observance = observance(daylight, transition.getOffsetBefore(), transition.getOffsetAfter(), names);
                observance.setDateStart(local(transition.getDateTimeBefore()));
                changes.put(kind, observance);
            } else {
                observance.addRecurrenceDates(dates(local(transition.getDateTimeBefore())));
            }
        }
        changes.values().forEach(definition::addComponent);

        // The rules in force after the last listed change, each from its first year.
        for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
            int year = last == null
                    ? 1970
                    : LocalDateTime.ofInstant(last.getInstant(), ZoneOffset.UTC).getYear();
            ZoneOffsetTransition transition = rule.createTransition(year);
            while (last != null && !transition.getInstant().isAfter(last.getInstant())
                    || transition.getInstant().isBefore(SINCE)) {
                transition = rule.createTransition(++year);
            }
            boolean daylight = rules.isDaylightSavings(transition.getInstant());
            Observance observance = observance(daylight, rule.getOffsetBefore(), rule.getOffsetAfter(), names);
            observance.setDateStart(local(transition.getDateTimeBefore()));
            Recurrence recurrence = recurrence(rule, transition);
            if (recurrence != null) {
                observance.setRecurrenceRule(recurrence);
            } else {
                for (int later = year + 1; later <= LAST_LISTED_YEAR; later++) {
                    observance.addRecurrenceDates(
                            dates(local(rule.createTransition(later).getDateTimeBefore())));
                }
            }
            definition.addComponent(observance);
        }
        return definition;
    }

    /**
     * The rule as a yearly {@code RRULE} on local times before the change, or null when it has no simple equivalent
     * (a change whose local date is not the rule's day, as "Sunday at 24:00", or a day range crossing a month's end).
     */
    private static Recurrence recurrence(ZoneOffsetTransitionRule rule, ZoneOffsetTransition first) {
        LocalDate day = ruleDay(rule, first.getDateTimeBefore().getYear());
        if (!day.equals(first.getDateTimeBefore().toLocalDate())) {
            return null;
        }
        Recurrence.Builder yearly =
                new Recurrence.Builder(Frequency.YEARLY).byMonth(rule.getMonth().getValue());
        int indicator = rule.getDayOfMonthIndicator();
        if (rule.getDayOfWeek() == null) {
            return yearly.byMonthDay(indicator).build();
        }
        DayOfWeek weekday = DayOfWeek.valueOfAbbr(rule.getDayOfWeek().name().substring(0, 2));
        int shortest = rule.getMonth().minLength();
        if (indicator == -1
                || indicator > 0
                        && indicator + 6 == shortest
                        && shortest == rule.getMonth().maxLength()) {
            // "lastSun": tzdb's "Sun>=25" of a 31-day month is the month's last Sunday
            return yearly.byDay(-1, weekday).build();
        }
        if (indicator > 0 && (indicator - 1) % 7 == 0 && indicator <= 22) {
            return yearly.byDay((indicator - 1) / 7 + 1, weekday).build();
        }
        if (indicator > 0 ? indicator + 6 > shortest : indicator - 6 < -shortest) {
            return null;
        }
        List<Integer> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(indicator > 0 ? indicator + i : indicator - 6 + i);
        }
        return yearly.byMonthDay(days).byDay(weekday).build();
    }

    private static LocalDate ruleDay(ZoneOffsetTransitionRule rule, int year) {
        int indicator = rule.getDayOfMonthIndicator();
        LocalDate day = indicator < 0
                ? LocalDate.of(year, rule.getMonth(), 1)
                        .with(TemporalAdjusters.lastDayOfMonth())
                        .plusDays(indicator + 1)
                : LocalDate.of(year, rule.getMonth(), indicator);
        if (rule.getDayOfWeek() != null) {
            day = day.with(
                    indicator < 0
                            ? TemporalAdjusters.previousOrSame(rule.getDayOfWeek())
                            : TemporalAdjusters.nextOrSame(rule.getDayOfWeek()));
        }
        return day;
    }

    private static Observance observance(boolean daylight, ZoneOffset from, ZoneOffset to, TimeZone names) {
        Observance observance = daylight ? new DaylightSavingsTime() : new StandardTime();
        observance.setTimezoneOffsetFrom(offset(from));
        observance.setTimezoneOffsetTo(offset(to));
        String name = names.getDisplayName(daylight, TimeZone.SHORT, Locale.ENGLISH);
        if (!name.startsWith("GMT")) {
            observance.addTimezoneName(name);
        }
        return observance;
    }

    private static UtcOffset offset(ZoneOffset offset) {
        // To the minute: biweekly writes no seconds (the last offset with seconds, Monrovia's -00:44:30, ended in
        // 1972).
        return new UtcOffset(ChronoUnit.MINUTES.getDuration().toMillis() * (offset.getTotalSeconds() / 60));
    }

    private static RecurrenceDates dates(ICalDate date) {
        RecurrenceDates dates = new RecurrenceDates();
        dates.getDates().add(date);
        return dates;
    }

    private static ICalDate local(LocalDateTime time) {
        return new ICalDate(
                new DateTimeComponents(
                        time.getYear(),
                        time.getMonthValue(),
                        time.getDayOfMonth(),
                        time.getHour(),
                        time.getMinute(),
                        time.getSecond(),
                        false),
                true);
    }
}
