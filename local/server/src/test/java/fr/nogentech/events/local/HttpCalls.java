package fr.nogentech.events.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP calls of the end-to-end tests, to a server at {@code base}, with one client for the whole test JVM. */
final class HttpCalls {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private HttpCalls() {}

    /** A plain GET, as a browser or {@code curl} sends it: no body, no {@code Content-Length}. */
    static HttpResponse<String> get(URI base, String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with these headers, sent as {@link #send} sends it (with an empty body). */
    static HttpResponse<String> get(URI base, String pathAndQuery, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(base, "GET", pathAndQuery, null, headers);
    }

    /** A request; a body (even an empty one) without a {@code Content-Type} is sent as JSON. */
    static HttpResponse<String> send(URI base, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        return exchange(base, method, path, body, all);
    }

    /** A request with exactly these headers: none is added. */
    static HttpResponse<String> exchange(URI base, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
