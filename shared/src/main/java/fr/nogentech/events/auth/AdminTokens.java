package fr.nogentech.events.auth;

import fr.nogentech.events.crypto.Digests;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The administrators' bearer tokens, known only by their SHA-256 hashes. The configuration lists
 * {@code name:hash} pairs, comma-separated (the template's {@code AdminTokenHashes}); revoking a token is removing its
 * pair. A presented token is hashed and compared with every known hash in constant time.
 */
public final class AdminTokens {

    /** What a bearer token may look like (RFC 6750); the tokens made here are {@code ntk_} and 256 random bits. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{16,512}");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private record Entry(String name, byte[] hash) {}

    private final List<Entry> entries;

    private AdminTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code alice:<sha256 hex>,bob:<sha256 hex>}; a malformed pair is a configuration error. */
    public static AdminTokens parse(String configuration) {
        List<Entry> entries = new ArrayList<>();
        for (String pair : (configuration == null ? "" : configuration).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] parts = pair.trim().split(":");
            if (parts.length != 2
                    || !NAME.matcher(parts[0]).matches()
                    || !HASH.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException("admin token hashes: each entry is name:sha256-hex, with a "
                        + "lower-case name; entry " + (entries.size() + 1) + " is not");
            }
            entries.add(new Entry(parts[0], HexFormat.of().parseHex(parts[1])));
        }
        return new AdminTokens(entries);
    }

    /** The administrator an {@code Authorization} header names, if its bearer token is a known one. */
    public Optional<String> administrator(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        byte[] presented = Digests.sha256(token);
        String found = null;
        for (Entry entry : entries) {
            // Every entry is compared, in constant time, whatever matched before.
            if (Digests.same(presented, entry.hash()) && found == null) {
                found = entry.name();
            }
        }
        return Optional.ofNullable(found);
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "ntk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The configuration entry of a token: {@code name:<sha256 hex>}. */
    public static String entry(String name, String token) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "an administrator's name is lower-case letters, digits, '.', '_' " + "or '-': " + name);
        }
        return name + ":" + HexFormat.of().formatHex(Digests.sha256(token));
    }
}
