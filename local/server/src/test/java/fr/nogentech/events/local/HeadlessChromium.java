package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.nogentech.events.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A page in headless Chromium (the browser {@link WebsitePageTest#browser()} finds), driven through the DevTools
 * protocol over its WebSocket (the JDK's client, no driver to install): to read what {@code --dump-dom} cannot show,
 * such as a shadow root's content and computed styles.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /**
     * Chromium, headless, on its own profile, reaching nothing but what a page asks for (no updates, no sync, no
     * QUIC): the start of every command of the browser tests.
     */
    static List<String> command(String browser, Path profile) {
        return new ArrayList<>(List.of(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    }

    /** Opens {@code url} in a fresh headless browser whose profile is {@code profile}. */
    static HeadlessChromium open(String browser, Path profile, String url) throws Exception {
        List<String> command = command(browser, profile);
        command.addAll(List.of("--window-size=1280,900", "--remote-debugging-port=0", url));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException("Chromium did not open its DevTools port within 30 s");
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            String pageSocket = null;
            while (pageSocket == null) {
                JsonNode targets = Json.MAPPER.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                for (JsonNode target : targets) {
                    if ("page".equals(target.path("type").asText())) {
                        pageSocket = target.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (pageSocket == null) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Chromium opened no page within 30 s");
                    }
                    Thread.sleep(100);
                }
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = HTTP.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
                        private final StringBuilder frames = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            frames.append(data);
                            if (last) {
                                self[0].receive(frames.toString());
                                frames.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void receive(String message) {
        try {
            JsonNode json = Json.MAPPER.readTree(message);
            if (json.has("id")) {
                CompletableFuture<JsonNode> waiting =
                        pending.remove(json.get("id").asInt());
                if (waiting != null) {
                    waiting.complete(json);
                }
            }
        } catch (IOException e) {
            // not a message of the protocol: nothing waits for it
        }
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = Json.MAPPER
                .createObjectNode()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode reply = send("Runtime.evaluate", params);
        if (reply.has("error") || reply.path("result").has("exceptionDetails")) {
            throw new AssertionError("the page could not evaluate " + expression + ": " + reply);
        }
        return reply.path("result").path("result").path("value");
    }

    /** Writes what the page shows as a PNG (for a person to look at). */
    void screenshot(Path png) throws Exception {
        JsonNode reply = send(
                "Page.captureScreenshot",
                Json.MAPPER.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(
                png,
                Base64.getDecoder().decode(reply.path("result").path("data").asText()));
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = Json.MAPPER.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        socket.sendText(Json.MAPPER.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
        return answer.get(30, TimeUnit.SECONDS);
    }

    /** Waits until the expression is true in the page (an expression that throws, the page not loaded yet, is not). */
    void waitFor(String condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!evaluate("(() => { try { return Boolean(" + condition + "); } catch (e) { return false; } })()")
                .asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not true within " + timeout.toSeconds() + " s: " + condition + "\n"
                        + evaluate("document.documentElement.outerHTML").asText());
            }
            Thread.sleep(200);
        }
    }

    /** The strings of a JSON array. */
    static List<String> strings(JsonNode array) {
        return Json.MAPPER.convertValue(
                array, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
