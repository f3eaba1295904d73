package fr.nogentech.events.http;

import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks what to answer from a request's {@code Accept} (RFC 9110 §12.5.1), or refuses with a 406 problem. A range
 * that is not one ({@code text}, {@code ;q=1}, a bad q-value) is passed over; an {@code Accept} with no valid range
 * at all is treated as absent, as RFC 9110 allows, so that no header, however malformed, fails a request.
 */
public final class ContentNegotiation {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QVALUE = Pattern.compile("0(\\.\\d{0,3})?|1(\\.0{0,3})?");

    /** One media range of an Accept header, and its weight. */
    private record Range(String type, String subtype, double quality) {
        /** 2 for type/subtype, 1 for type/*, 0 for *&#47;*, -1 when it does not match {@code offered}. */
        int specificity(String offeredType, String offeredSubtype) {
            if (type.equals("*") && subtype.equals("*")) {
                return 0;
            }
            if (!type.equals(offeredType)) {
                return -1;
            }
            return subtype.equals("*") ? 1 : subtype.equals(offeredSubtype) ? 2 : -1;
        }
    }

    private ContentNegotiation() {}

    /** The offered media type the client prefers (the first offered when {@code Accept} is absent or ties). */
    public static String choose(String accept, List<String> offered) {
        List<Range> ranges = accept == null ? List.of() : ranges(accept);
        if (ranges.isEmpty()) {
            return offered.get(0);
        }
        String best = null;
        double bestQuality = 0;
        for (String type : offered) {
            double quality = quality(ranges, type);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw Problem.of(
                            ProblemType.NOT_ACCEPTABLE,
                            "This resource is available as " + String.join(" or ", offered)
                                    + "; the Accept header allows none of them.")
                    .toException();
        }
        return best;
    }

    private static List<Range> ranges(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String element : accept.split(",", 64)) {
            String[] parts = element.split(";", 16);
            String[] mediaRange = parts[0].trim().toLowerCase(Locale.ROOT).split("/", -1);
            if (mediaRange.length != 2
                    || !TOKEN.matcher(mediaRange[0]).matches()
                    || !TOKEN.matcher(mediaRange[1]).matches()
                    || (mediaRange[0].equals("*") && !mediaRange[1].equals("*"))) {
                continue;
            }
            Double quality = 1.0;
            for (int i = 1; i < parts.length && quality != null; i++) {
                String parameter = parts[i].trim();
                if (parameter.regionMatches(true, 0, "q=", 0, 2)) {
                    String value = parameter.substring(2);
                    quality = QVALUE.matcher(value).matches() ? Double.valueOf(value) : null;
                }
            }
            if (quality != null) {
                ranges.add(new Range(mediaRange[0], mediaRange[1], quality));
            }
        }
        return ranges;
    }

    /** The quality the ranges give a type, by its most specific matching range; 0 when none matches. */
    private static double quality(List<Range> ranges, String type) {
        String[] typeParts = type.split("/");
        int bestSpecificity = -1;
        double quality = 0;
        for (Range range : ranges) {
            int specificity = range.specificity(typeParts[0], typeParts[1]);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.quality();
            }
        }
        return quality;
    }
}
