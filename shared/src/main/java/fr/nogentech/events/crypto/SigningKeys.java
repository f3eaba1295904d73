package fr.nogentech.events.crypto;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HMAC keys of one kind of signed value: the current key, which signs, and optionally the previous key, still
 * accepted during a rotation. Each key has an id derived from the key itself (8 base64url characters of an HMAC of a
 * fixed text), so a signed value can name its key without any id being configured and without revealing the key.
 */
public final class SigningKeys {

    private static final byte[] KEY_ID_INPUT = "key-id".getBytes(StandardCharsets.UTF_8);

    private record Key(String id, SecretKeySpec spec) {

        static Key of(String secret, String what) {
            SecretKeySpec spec = Digests.hmacKey(secret, what);
            // 6 bytes are exactly 8 base64 characters, no padding
            return new Key(Base64.getUrlEncoder().encodeToString(Digests.hmac(spec, KEY_ID_INPUT, 6)), spec);
        }

        boolean verifies(byte[] payload, byte[] mac, int length) {
            return Digests.same(Digests.hmac(spec, payload, length), mac);
        }
    }

    private final Key current;
    private final Key previous;

    private SigningKeys(Key current, Key previous) {
        this.current = current;
        this.previous = previous;
    }

    /** Only a current key; {@code what} names the secret in the error if it is too short. */
    public static SigningKeys of(String secret, String what) {
        return new SigningKeys(Key.of(secret, what), null);
    }

    /** These keys with {@code secret} as the previous key; null or empty means no previous key. */
    public SigningKeys withPrevious(String secret, String what) {
        return new SigningKeys(current, secret == null || secret.isEmpty() ? null : Key.of(secret, what));
    }

    /** The id of the key that signs, to be carried by what it signs. */
    public String currentId() {
        return current.id();
    }

    /** The first {@code length} bytes of the HMAC of {@code payload} under the current key. */
    public byte[] sign(byte[] payload, int length) {
        return Digests.hmac(current.spec(), payload, length);
    }

    /** Whether {@code mac} signs {@code payload} under the key named {@code keyId}; never for an unknown id. */
    public boolean verifies(String keyId, byte[] payload, byte[] mac, int length) {
        Key key = current.id().equals(keyId)
                ? current
                : previous != null && previous.id().equals(keyId) ? previous : null;
        return key != null && key.verifies(payload, mac, length);
    }

    /** Whether {@code mac} signs {@code payload} under either key: for values signed before they named their key. */
    public boolean verifiesUnderAnyKey(byte[] payload, byte[] mac, int length) {
        return current.verifies(payload, mac, length) || previous != null && previous.verifies(payload, mac, length);
    }
}
