package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves {@code examples/website/} on its own port, a different origin than the API, as the association's website
 * would be; {@code /config.js} tells the page where the API is, and the widget's demo page
 * ({@code /widget-demo.html}, which embeds {@code /widget.js} as a partner site would) gets the API in its tag.
 */
public final class StaticSite implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "svg",
            "image/svg+xml",
            "png",
            "image/png",
            "ico",
            "image/x-icon");

    /** The widget's tag on the demo page, with the production API that the local run replaces by its own. */
    private static final String WIDGET_TAG = "src=\"/widget.js\" data-api=\"https://api.nogentech.fr\"";

    private final HttpServer server;

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    public static StaticSite start(Path folder, URI api, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            Path root = folder.toAbsolutePath().normalize();
            server.createContext("/", exchange -> serve(exchange, root, api));
            server.start();
            return new StaticSite(server);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot serve the example website on port " + port + ": " + e.getMessage(), e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void serve(HttpExchange exchange, Path root, URI api) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/config.js")) {
                write(
                        exchange,
                        200,
                        TYPES.get("js"),
                        ("window.NOGENTECH_API = \"" + api + "\";\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1))
                    .normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                write(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            if (name.equals("widget-demo.html")) {
                // The widget's tag as a partner pastes it, pointed at this run's API.
                body = new String(body, StandardCharsets.UTF_8)
                        .replace(WIDGET_TAG, "src=\"/widget.js\" data-api=\"" + api + "\"")
                        .getBytes(StandardCharsets.UTF_8);
            }
            write(exchange, 200, type, body);
        }
    }

    private static void write(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
