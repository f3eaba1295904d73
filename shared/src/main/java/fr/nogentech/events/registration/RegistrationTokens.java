package fr.nogentech.events.registration;

import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventInput;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens of registration links, signed with HMAC-SHA256 under the subscription links' keys: each names an event
 * and an address by its hash (never the address), for one purpose, until an expiry.
 *
 * <p>A token is {@code purpose.keyId.eventId.hash.expiry.mac} (expiry 0: none); event ids hold no dot.
 */
public final class RegistrationTokens {

    public enum Purpose {
        /** The link of the registration email: confirms that registration. */
        CONFIRM("rc"),
        /** The "Je m'inscris" link of a subscriber's announcement: registers that subscriber. */
        INVITE("ri"),
        /** The link that cancels a registration. */
        CANCEL("rx");

        private final String code;

        Purpose(String code) {
            this.code = code;
        }
    }

    /** What a genuine token says. */
    public record Signed(Purpose purpose, String eventId, String hash) {}

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 20;

    private final SigningKeys keys;

    public RegistrationTokens(SigningKeys keys) {
        this.keys = keys;
    }

    /** A token for {@code purpose}, valid until {@code expiry} (null: no expiry). */
    public String sign(Purpose purpose, String eventId, String hash, Instant expiry) {
        String signed = purpose.code + "." + keys.currentId() + "." + eventId + "." + hash + "."
                + (expiry == null ? 0 : expiry.getEpochSecond());
        return signed + "." + ENCODER.encodeToString(keys.sign(utf8(signed), MAC_BYTES));
    }

    /** What a token says, if it is one of ours, of one of {@code purposes}, and not expired. */
    public Optional<Signed> read(String token, Instant now, Purpose... purposes) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        Purpose purpose = null;
        for (Purpose candidate : purposes) {
            if (candidate.code.equals(parts[0])) {
                purpose = candidate;
            }
        }
        if (purpose == null
                || !EventInput.ID.matcher(parts[2]).matches()
                || !HASH.matcher(parts[3]).matches()) {
            return Optional.empty();
        }
        long expiry;
        byte[] given;
        try {
            expiry = Long.parseLong(parts[4]);
            given = Base64.getUrlDecoder().decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String signed = token.substring(0, token.lastIndexOf('.'));
        if (!keys.verifies(parts[1], utf8(signed), given, MAC_BYTES)
                || (expiry != 0 && now.getEpochSecond() > expiry)) {
            return Optional.empty();
        }
        return Optional.of(new Signed(purpose, parts[2], parts[3]));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
