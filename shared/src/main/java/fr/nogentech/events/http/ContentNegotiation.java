package fr.nogentech.events.http;

import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.util.List;
import java.util.Locale;

/** Picks what to answer from a request's {@code Accept} (RFC 9110 §12.5.1), or refuses with a 406 problem. */
public final class ContentNegotiation {

    private ContentNegotiation() {
    }

    /** The offered media type the client prefers (the first offered when {@code Accept} is absent or ties). */
    public static String choose(String accept, List<String> offered) {
        if (accept == null || accept.isBlank()) {
            return offered.get(0);
        }
        String best = null;
        double bestQuality = 0;
        for (String type : offered) {
            double quality = quality(accept, type);
            if (quality > bestQuality) {
                best = type;
                bestQuality = quality;
            }
        }
        if (best == null) {
            throw Problem.of(ProblemType.NOT_ACCEPTABLE, "This resource is available as "
                    + String.join(" or ", offered) + "; the Accept header allows none of them.").toException();
        }
        return best;
    }

    /** The quality the Accept header gives a type, by its most specific matching range; 0 when none matches. */
    private static double quality(String accept, String type) {
        String[] typeParts = type.split("/");
        int bestSpecificity = -1;
        double quality = 0;
        for (String range : accept.split(",")) {
            String[] parameters = range.trim().split(";");
            String[] rangeParts = parameters[0].trim().toLowerCase(Locale.ROOT).split("/");
            if (rangeParts.length != 2) {
                continue;
            }
            int specificity;
            if (rangeParts[0].equals("*") && rangeParts[1].equals("*")) {
                specificity = 0;
            } else if (rangeParts[0].equals(typeParts[0]) && rangeParts[1].equals("*")) {
                specificity = 1;
            } else if (rangeParts[0].equals(typeParts[0]) && rangeParts[1].equals(typeParts[1])) {
                specificity = 2;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = q(parameters);
            }
        }
        return quality;
    }

    private static double q(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Math.max(0, Math.min(1, Double.parseDouble(parameter.substring(2))));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
