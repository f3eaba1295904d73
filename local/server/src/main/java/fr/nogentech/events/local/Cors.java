package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP API's {@code CorsConfiguration} from {@code template.yaml}, applied as API Gateway applies it: it answers
 * preflight {@code OPTIONS} requests itself, and adds the CORS headers to responses for an allowed {@code Origin}.
 */
record Cors(List<String> origins, List<String> methods, List<String> headers, List<String> exposed, Integer maxAge) {

    static Cors of(Map<String, Object> configuration, Map<String, String> references) {
        return new Cors(
                values(configuration.get("AllowOrigins"), references),
                values(configuration.get("AllowMethods"), references),
                values(configuration.get("AllowHeaders"), references).stream()
                        .map(h -> h.toLowerCase(Locale.ROOT))
                        .toList(),
                values(configuration.get("ExposeHeaders"), references),
                configuration.get("MaxAge") == null
                        ? null
                        : Integer.valueOf(configuration.get("MaxAge").toString()));
    }

    private static List<String> values(Object value, Map<String, String> references) {
        if (value instanceof Map<?, ?> map && map.containsKey("Ref")) {
            String resolved = references.get(String.valueOf(map.get("Ref")));
            if (resolved == null) {
                throw new IllegalStateException("template.yaml: CorsConfiguration refers to " + map.get("Ref")
                        + ", which the local run does not provide");
            }
            return Arrays.stream(resolved.split(","))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList();
        }
        List<String> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }

    private boolean allows(String origin) {
        return origin != null && (origins.contains(origin) || origins.contains("*"));
    }

    /** Answers a preflight request; returns false for any other request. */
    boolean answerPreflight(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String requestedMethod = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method");
        if (origins.isEmpty() || !exchange.getRequestMethod().equalsIgnoreCase("OPTIONS") || requestedMethod == null) {
            return false;
        }
        String requestedHeaders = exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers");
        boolean headersAllowed = requestedHeaders == null
                || requestedHeaders.isBlank()
                || Arrays.stream(requestedHeaders.split(","))
                        .map(h -> h.trim().toLowerCase(Locale.ROOT))
                        .allMatch(h -> h.isEmpty() || headers.contains(h) || headers.contains("*"));
        boolean methodAllowed = methods.contains(requestedMethod.toUpperCase(Locale.ROOT)) || methods.contains("*");
        if (allows(origin) && methodAllowed && headersAllowed) {
            var response = exchange.getResponseHeaders();
            response.add("Access-Control-Allow-Origin", origin);
            response.add("Access-Control-Allow-Methods", String.join(",", methods));
            if (!headers.isEmpty()) {
                response.add("Access-Control-Allow-Headers", String.join(",", headers));
            }
            if (maxAge != null) {
                response.add("Access-Control-Max-Age", maxAge.toString());
            }
            response.add("Vary", "Origin");
        }
        exchange.sendResponseHeaders(204, -1);
        return true;
    }

    /** Adds the CORS headers of an actual request from an allowed origin. */
    void decorate(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (allows(origin)) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            if (!exposed.isEmpty()) {
                exchange.getResponseHeaders().add("Access-Control-Expose-Headers", String.join(",", exposed));
            }
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
    }
}
