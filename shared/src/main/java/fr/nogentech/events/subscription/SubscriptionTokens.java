package fr.nogentech.events.subscription;

import fr.nogentech.events.crypto.SigningKeys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tokens of the links in subscription emails, signed with HMAC-SHA256: a confirmation token (valid 7 days) and an
 * unsubscribe token (valid as long as the mailing that carries it may be read: no expiry). A token names the
 * subscriber by the hash of their address, never the address.
 *
 * <p>A token is {@code purpose.keyId.hash.expiry.mac} (expiry 0: none), the MAC covering the text before the last dot.
 * Tokens mailed before keys had ids, {@code purpose.hash.expiry.mac}, are still accepted when either key signed them.
 */
public final class SubscriptionTokens {

    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE
    }

    public static final Duration CONFIRMATION_VALIDITY = Duration.ofDays(7);
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 20;

    private final SigningKeys keys;

    public SubscriptionTokens(String secret) {
        this(SigningKeys.of(secret, "the subscription secret"));
    }

    public SubscriptionTokens(SigningKeys keys) {
        this.keys = keys;
    }

    public String confirmation(EmailAddress address, Instant now) {
        return sign(Purpose.CONFIRM, address.hash(), confirmationExpiry(now));
    }

    /** When a confirmation link made at {@code now} expires: also what identifies that link (one-time links). */
    public static long confirmationExpiry(Instant now) {
        return now.plus(CONFIRMATION_VALIDITY).getEpochSecond();
    }

    public String unsubscribe(String addressHash) {
        return sign(Purpose.UNSUBSCRIBE, addressHash, 0);
    }

    /** What a genuine token says: the address's hash, and when it expires (0: never). */
    public record Signed(String hash, long expiry) {}

    /** The address hash a token names, if it is one of ours, for that purpose, and not expired. */
    public Optional<String> verify(String token, Purpose purpose, Instant now) {
        return read(token, purpose, now).map(Signed::hash);
    }

    /** What a token says, if it is one of ours, for that purpose, and not expired. */
    public Optional<Signed> read(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        boolean namesKey = parts.length == 5;
        if (!namesKey && parts.length != 4) {
            return Optional.empty();
        }
        String hash = parts[parts.length - 3];
        if (!parts[0].equals(code(purpose)) || !HASH.matcher(hash).matches()) {
            return Optional.empty();
        }
        long expiry;
        byte[] given;
        try {
            expiry = Long.parseLong(parts[parts.length - 2]);
            given = Base64.getUrlDecoder().decode(parts[parts.length - 1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] signed = utf8(String.join(".", Arrays.copyOf(parts, parts.length - 1)));
        boolean genuine = namesKey
                ? keys.verifies(parts[1], signed, given, MAC_BYTES)
                : keys.verifiesUnderAnyKey(signed, given, MAC_BYTES);
        if (!genuine || (expiry != 0 && now.getEpochSecond() > expiry)) {
            return Optional.empty();
        }
        return Optional.of(new Signed(hash, expiry));
    }

    private String sign(Purpose purpose, String hash, long expiry) {
        String signed = code(purpose) + "." + keys.currentId() + "." + hash + "." + expiry;
        return signed + "." + ENCODER.encodeToString(keys.sign(utf8(signed), MAC_BYTES));
    }

    private static String code(Purpose purpose) {
        return purpose == Purpose.CONFIRM ? "c" : "u";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
