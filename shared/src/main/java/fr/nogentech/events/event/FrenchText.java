package fr.nogentech.events.event;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Events as French readers write them: "jeudi 12 octobre 2023, de 8 h 30 à 10 h 30". */
public final class FrenchText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.FRENCH);

    private FrenchText() {}

    /** {@code jeudi 12 octobre 2023}. */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** {@code 8 h 30}, {@code 9 h}. */
    public static String time(LocalTime time) {
        return time.getHour() + " h" + (time.getMinute() == 0 ? "" : String.format(" %02d", time.getMinute()));
    }

    /** {@code jeudi 12 octobre 2023, de 8 h 30 à 10 h 30}, or both days when it spans several. */
    public static String when(LocalDateTime start, LocalDateTime end) {
        if (start.toLocalDate().equals(end.toLocalDate())) {
            return day(start.toLocalDate()) + ", de " + time(start.toLocalTime()) + " à " + time(end.toLocalTime());
        }
        return "du " + day(start.toLocalDate()) + ", " + time(start.toLocalTime()) + ", au " + day(end.toLocalDate())
                + ", " + time(end.toLocalTime());
    }

    public static String when(Event event) {
        return when(event.start().toLocalDateTime(), event.end().toLocalDateTime());
    }

    /** {@code Canopé, Chaumont}, or null when the venue is not known yet. */
    public static String place(Venue venue) {
        if (venue == null) {
            return null;
        }
        return venue.city() == null ? venue.name() : venue.name() + ", " + venue.city();
    }

    /** {@code Germain Chittaro (groupe Interactions)}, or the organization alone. */
    public static String person(Speaker speaker) {
        if (speaker.name() == null) {
            return speaker.organization();
        }
        return speaker.organization() == null ? speaker.name() : speaker.name() + " (" + speaker.organization() + ")";
    }

    /** One line a speaker: {@code Intervenant : …}, {@code Témoignage : …}. */
    public static List<String> speakerLines(Event event) {
        List<String> lines = new ArrayList<>();
        for (Speaker speaker : event.speakers()) {
            lines.add(
                    (speaker.role() == Speaker.Role.TESTIMONY ? "Témoignage : " : "Intervenant : ") + person(speaker));
        }
        return lines;
    }

    /** {@code annulé}, {@code reporté}, or null for a scheduled event. */
    public static String statusNote(EventStatus status) {
        return switch (status) {
            case CANCELLED -> "annulé";
            case POSTPONED -> "reporté";
            case SCHEDULED -> null;
        };
    }
}
