package fr.nogentech.events.event;

import fr.nogentech.events.crypto.Digests;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemException;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Opaque paging cursors. A cursor carries the query it continues (bounds and series) and the last event shown, and is
 * signed with HMAC-SHA256 so that a forged or altered cursor is refused rather than read.
 */
public final class PageCursor {

    private static final String VERSION = "c1";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a cursor says: the query it belongs to and where the next page starts. */
    public record Position(Instant from, Instant to, String series, EventKey after) {
    }

    private final SecretKeySpec key;

    public PageCursor(String secret) {
        this.key = Digests.hmacKey(secret, "the cursor secret");
    }

    public String encode(Position position) {
        String payload = String.join("\n", VERSION, position.from().toString(),
                position.to() == null ? "" : position.to().toString(),
                position.series() == null ? "" : position.series(),
                position.after().sortKey());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    public Position decode(String cursor) {
        try {
            int dot = cursor.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            byte[] payload = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!Digests.same(mac(payload), signature)) {
                throw invalid();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (fields.length != 5 || !VERSION.equals(fields[0])) {
                throw invalid();
            }
            return new Position(Instant.parse(fields[1]),
                    fields[2].isEmpty() ? null : Instant.parse(fields[2]),
                    fields[3].isEmpty() ? null : fields[3],
                    EventKey.parse(fields[4]));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        return Digests.hmac(key, payload, MAC_BYTES);
    }

    private static ProblemException invalid() {
        return Problem.invalidParameter("cursor",
                "cursor is not one this API issued: pass the `next` value of the previous page unchanged, "
                        + "or start again without a cursor").toException();
    }
}
