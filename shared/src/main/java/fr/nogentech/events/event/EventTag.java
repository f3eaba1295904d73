package fr.nogentech.events.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event's entity tag, {@code "v3"} for version 3, and the reading of {@code If-Match}: strong comparison (RFC 9110),
 * so a weak tag or anything unreadable matches nothing.
 */
public final class EventTag {

    /** {@code "v3"}, or {@code "v3.ld"} / {@code "v3.ics"} for the event's other representations. */
    private static final Pattern STRONG_TAG = Pattern.compile("\\s*(W/)?\"v(\\d{1,18})(\\.[a-z0-9]{1,12})?\"\\s*");

    private EventTag() {}

    public static String of(Event event) {
        return of(event.version());
    }

    public static String of(long version) {
        return "\"v" + version + "\"";
    }

    /** The tag of another representation of the event at that version, such as {@code "v3.ics"}. */
    public static String of(Event event, String representation) {
        return "\"v" + event.version() + "." + representation + "\"";
    }

    /** Whether an {@code If-Match} value allows changing an event at {@code version}. */
    public static boolean matches(String ifMatch, long version) {
        if (ifMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifMatch.split(",")) {
            Matcher matcher = STRONG_TAG.matcher(tag);
            if (matcher.matches() && matcher.group(1) == null && Long.parseLong(matcher.group(2)) == version) {
                return true;
            }
        }
        return false;
    }

    /** The single version an {@code If-Match} names, or null when it names none or several ({@code *}, a list). */
    public static Long singleVersion(String ifMatch) {
        Matcher matcher = STRONG_TAG.matcher(ifMatch);
        return matcher.matches() && matcher.group(1) == null ? Long.valueOf(matcher.group(2)) : null;
    }
}
