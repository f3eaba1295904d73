package fr.nogentech.events.http;

import fr.nogentech.events.crypto.Digests;

import java.util.Arrays;
import java.util.Base64;

/**
 * Caching of public {@code GET}s: a strong {@code ETag} (given, or the hash of what is sent), {@code Cache-Control},
 * and {@code 304 Not Modified} with no body when {@code If-None-Match} names the current tag. Since the tag is
 * derived from the bytes sent (or from a version that every change increments), it changes when, and only when,
 * what the response shows changes.
 */
public final class Caching {

    /** Browsers and the CDN may keep a public answer a minute, and serve it stale for five while revalidating. */
    public static final String PUBLIC = "public, max-age=60, stale-while-revalidate=300";

    private Caching() {}

    public static HttpResponse conditional(
            HttpRequest request, HttpResponse response, String cacheControl, boolean variesWithAccept) {
        if (response.status() != 200) {
            return response;
        }
        String etag = response.header("ETag");
        if (etag == null) {
            etag = hashTag(response.header("Content-Type"), response.body());
            response = response.withHeader("ETag", etag);
        }
        response = response.withHeader("Cache-Control", cacheControl);
        if (variesWithAccept) {
            response = response.withHeader("Vary", "Accept");
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return response.withoutBody(304);
        }
        return response;
    }

    /** Weak comparison, as RFC 9110 asks for If-None-Match; anything unreadable matches nothing. */
    static boolean matches(String ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (current != null && current.equals(opaque(tag)))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value : null;
    }

    private static String hashTag(String contentType, String body) {
        byte[] digest = Digests.sha256(contentType + "\u0000" + body);
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
    }
}
