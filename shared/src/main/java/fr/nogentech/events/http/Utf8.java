package fr.nogentech.events.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8: bytes that are not UTF-8 are reported, never replaced (as {@code new String(bytes, UTF_8)} does). */
public final class Utf8 {

    private Utf8() {}

    /** The text, or empty when the bytes are not UTF-8 (a lone surrogate's encoding included). */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public static boolean isValid(byte[] bytes) {
        return decode(bytes).isPresent();
    }
}
