package fr.nogentech.events.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP response as the API builds it: status, headers (in the order they were set) and a text body, or none.
 * Immutable: a step that adds a header, such as caching, makes a new response.
 */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** This response with the header set (replacing one of the same name, whatever its case). */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>();
        headers.forEach((key, existing) -> {
            if (!key.equalsIgnoreCase(name)) {
                next.put(key, existing);
            }
        });
        next.put(name, value);
        return new HttpResponse(status, next, body);
    }

    public HttpResponse withHeaders(Map<String, String> more) {
        HttpResponse response = this;
        for (Map.Entry<String, String> header : more.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    /** The same headers, except {@code Content-Type}, with another status and no body (a 304). */
    public HttpResponse withoutBody(int status) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.keySet().removeIf(key -> key.toLowerCase(Locale.ROOT).equals("content-type"));
        return new HttpResponse(status, next, null);
    }
}
