package fr.nogentech.events.subscription;

import fr.nogentech.events.crypto.Digests;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A subscriber's address, checked and normalized (trimmed, lower-case), and its hash: the store's key and what links
 * carry, so that no URL or log line holds an address.
 */
public record EmailAddress(String value) {

    /** Deliberately plain: a local part, an @, a domain with a dot; what mail providers accept in practice. */
    private static final Pattern SHAPE =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public static EmailAddress parse(String raw, String field) {
        String value = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !SHAPE.matcher(value).matches() || value.contains("..")) {
            throw new Problem(
                            ProblemType.INVALID_EMAIL,
                            "`" + field + "` must be an e-mail address such as " + "prenom.nom@entreprise.fr",
                            Map.of("field", field))
                    .toException();
        }
        return new EmailAddress(value);
    }

    public String hash() {
        return Digests.sha256Hex(value);
    }

    @Override
    public String toString() {
        // Addresses stay out of logs and exception messages.
        return "EmailAddress[" + hash().substring(0, 12) + "]";
    }
}
