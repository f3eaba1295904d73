package fr.nogentech.events.query;

import fr.nogentech.events.crypto.SigningKeys;
import fr.nogentech.events.event.EventKey;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque paging cursors. A cursor carries the query it continues (bounds and series) and the last event shown, and is
 * signed with HMAC-SHA256 so that a forged or altered cursor is refused rather than read.
 *
 * <p>A cursor is {@code keyId.payload.mac}: the id of the signing key, the base64url payload, and the MAC of the text
 * before the last dot. Cursors issued before keys had ids, {@code payload.mac} with the MAC of the decoded payload,
 * are still read when either key signed them.
 */
public final class PageCursor {

    private static final String VERSION = "c1";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a cursor says: the query it belongs to and where the next page starts. */
    public record Position(Instant from, Instant to, String series, EventKey after) {}

    private final SigningKeys keys;

    public PageCursor(String secret) {
        this(SigningKeys.of(secret, "the cursor secret"));
    }

    public PageCursor(SigningKeys keys) {
        this.keys = keys;
    }

    public String encode(Position position) {
        String payload = String.join(
                "\n",
                VERSION,
                position.from().toString(),
                position.to() == null ? "" : position.to().toString(),
                position.series() == null ? "" : position.series(),
                position.after().sortKey());
        String signed = keys.currentId() + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(keys.sign(ascii(signed), MAC_BYTES));
    }

    public Position decode(String cursor) {
        try {
            String[] parts = cursor.split("\\.", -1);
            byte[] payload;
            boolean genuine;
            if (parts.length == 3) {
                payload = DECODER.decode(parts[1]);
                genuine =
                        keys.verifies(parts[0], ascii(parts[0] + "." + parts[1]), DECODER.decode(parts[2]), MAC_BYTES);
            } else if (parts.length == 2) {
                payload = DECODER.decode(parts[0]);
                genuine = keys.verifiesUnderAnyKey(payload, DECODER.decode(parts[1]), MAC_BYTES);
            } else {
                throw invalid();
            }
            if (!genuine) {
                throw invalid();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 5 || !VERSION.equals(fields[0])) {
                throw invalid();
            }
            return new Position(
                    Instant.parse(fields[1]),
                    fields[2].isEmpty() ? null : Instant.parse(fields[2]),
                    fields[3].isEmpty() ? null : fields[3],
                    EventKey.parse(fields[4]));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ProblemException invalid() {
        return Problem.invalidParameter(
                        "cursor",
                        "cursor is not one this API issued: pass the `next` value of the previous page unchanged, "
                                + "or start again without a cursor")
                .toException();
    }
}
