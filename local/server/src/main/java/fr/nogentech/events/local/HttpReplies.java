package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes a response on an exchange of the development server. */
final class HttpReplies {

    private HttpReplies() {}

    static void write(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        writeBytes(exchange, status, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }

    static void writeBytes(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean noBody = status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
