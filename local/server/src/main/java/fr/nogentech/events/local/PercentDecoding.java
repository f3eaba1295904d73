package fr.nogentech.events.local;

import fr.nogentech.events.http.Utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a URL's path or query once, as API Gateway does before a handler sees it, refusing what cannot be decoded:
 * a {@code %} not followed by two hex digits, or bytes that are not UTF-8 ({@code URLDecoder} would throw on the
 * first and silently replace the second).
 */
final class PercentDecoding {

    /** What the request's URL holds that cannot be decoded; the server answers it with a 400 problem. */
    static final class Malformed extends Exception {
        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }

    private PercentDecoding() {}

    /** @param plusIsSpace true in a query (form encoding), false in a path */
    static String decode(String raw, boolean plusIsSpace, String where) throws Malformed {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw new Malformed("The " + where + " has a '%' that is not followed by two hexadecimal "
                            + "digits: write a literal '%' as %25.");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return Utf8.decode(bytes.toByteArray())
                .orElseThrow(() ->
                        new Malformed("The " + where + " decodes to bytes that are not UTF-8: percent-encode UTF-8."));
    }
}
