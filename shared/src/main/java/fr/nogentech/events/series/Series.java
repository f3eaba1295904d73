package fr.nogentech.events.series;

import fr.nogentech.events.event.FrenchText;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * A recurring event and its rule: the {@code ordinal}-th {@code day} of each month, from {@code start} to {@code end}
 * in {@code timeZone}. "Les rencontres du jeudi" are the second Thursday, 8 h 30 – 10 h 30, Europe/Paris.
 */
public record Series(
        String id,
        String name,
        String description,
        int ordinal,
        DayOfWeek day,
        LocalTime start,
        LocalTime end,
        ZoneId timeZone) {

    /** The dates the rule gives, from {@code from} (included) on, {@code count} of them. */
    public List<LocalDate> datesFrom(LocalDate from, int count) {
        List<LocalDate> dates = new ArrayList<>();
        LocalDate month = from.withDayOfMonth(1);
        while (dates.size() < count) {
            LocalDate date = month.with(TemporalAdjusters.dayOfWeekInMonth(ordinal, day));
            if (!date.isBefore(from)) {
                dates.add(date);
            }
            month = month.plusMonths(1);
        }
        return dates;
    }

    /** The rule in words, in French: {@code le deuxième jeudi de chaque mois, de 8 h 30 à 10 h 30}. */
    public String ruleInFrench() {
        String[] ordinals = {"premier", "deuxième", "troisième", "quatrième"};
        String[] days = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"};
        return "le " + ordinals[ordinal - 1] + " " + days[day.getValue() - 1] + " de chaque mois, de "
                + FrenchText.time(start) + " à "
                + FrenchText.time(end);
    }
}
