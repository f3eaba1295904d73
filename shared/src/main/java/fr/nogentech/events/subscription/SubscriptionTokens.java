package fr.nogentech.events.subscription;

import fr.nogentech.events.crypto.Digests;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens of the links in subscription emails, signed with HMAC-SHA256: a confirmation token (valid 7 days) and an
 * unsubscribe token (valid as long as the mailing that carries it may be read: no expiry). A token names the
 * subscriber by the hash of their address, never the address.
 */
public final class SubscriptionTokens {

    public enum Purpose { CONFIRM, UNSUBSCRIBE }

    public static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    public SubscriptionTokens(String secret) {
        this.key = Digests.hmacKey(secret, "the subscription secret");
    }

    public String confirmation(EmailAddress address, Instant now) {
        return sign(Purpose.CONFIRM, address.hash(), now.plus(CONFIRMATION_VALIDITY).getEpochSecond());
    }

    public String unsubscribe(String addressHash) {
        return sign(Purpose.UNSUBSCRIBE, addressHash, 0);
    }

    /** The address hash a token names, if it is one of ours, for that purpose, and not expired. */
    public Optional<String> verify(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 4 || !parts[0].equals(code(purpose)) || !HASH.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[0] + "." + parts[1] + "." + parts[2]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Digests.same(expected, given) || (expiry != 0 && now.getEpochSecond() > expiry)) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    private String sign(Purpose purpose, String hash, long expiry) {
        String payload = code(purpose) + "." + hash + "." + expiry;
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    private static String code(Purpose purpose) {
        return purpose == Purpose.CONFIRM ? "c" : "u";
    }

    private byte[] mac(String payload) {
        return Digests.hmac(key, payload.getBytes(StandardCharsets.UTF_8), 20);
    }
}
