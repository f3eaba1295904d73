package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hostile request per class of trouble, through the development server: each gets the answer the HTTP RFCs and
 * the API's rules give (never a 500), the problem type that names it, and the store is left as it was.
 */
class HostileInputEndToEndTest {

    private static final String EVENT = "2023-10-12-reseaux-sociaux-dans-l-industrie";
    private static final String VALID = """
            {"title": "Atelier", "start": "2024-09-12T08:30", "end": "2024-09-12T10:30"}""";
    private static LocalApi api;
    private static EventStore store;
    private static software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb;

    @BeforeAll
    static void start() {
        api = LocalApi.start("hostile", "hostile-input");
        dynamoDb = TestStack.moto().dynamoDb();
        store = new EventStore(dynamoDb, api.eventsTable, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        api.close();
        dynamoDb.close();
    }

    @Test
    void malformedHeadersGetAnAnswerNeverA500() throws Exception {
        Map<String, String> before = snapshot();
        for (String accept : List.of(";", ",", "text", ";q=1", "application/json;q=x", "*/html", "\u00e9/\u00e8")) {
            assertEquals(
                    200,
                    api.send("GET", "/events/" + EVENT, null, Map.of("Accept", accept))
                            .statusCode(),
                    "Accept: " + accept);
        }
        assertProblem(
                api.send("GET", "/events/" + EVENT, null, Map.of("Accept", "image/png")),
                406,
                "/problems/not-acceptable");
        for (String tag : List.of("\"", "W/", ",,,", "\"v99999999999999999999999\"", "*x")) {
            assertEquals(
                    200,
                    api.send("GET", "/events/" + EVENT, null, Map.of("If-None-Match", tag))
                            .statusCode(),
                    "If-None-Match: " + tag);
        }
        // (",,," is a list of no tag: a server may drop it, and the request is then unconditional.)
        for (String tag : List.of("\"", "W/", "\"v99999999999999999999999\"", "*x", "W/\"v1\"")) {
            assertProblem(
                    api.send(
                            "PATCH", "/events/" + EVENT, "{\"title\": \"Changé\"}", withAdmin(Map.of("If-Match", tag))),
                    412,
                    "/problems/precondition-failed");
        }
        assertProblem(
                api.send("POST", "/events", VALID, withAdmin(Map.of("Content-Type", "a/b/c;;;=="))),
                415,
                "/problems/unsupported-media-type");
        for (String authorization : List.of("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "bearer  é", "x".repeat(5000))) {
            int status = api.send("DELETE", "/events/" + EVENT, null, Map.of("Authorization", authorization))
                    .statusCode();
            assertTrue(status == 401 || status == 403, authorization + " -> " + status);
        }
        assertEquals(before, snapshot());
    }

    @Test
    void brokenPercentEncodingIsA400ProblemAndAPathParameterIsDecodedOnce() throws Exception {
        Map<String, String> before = snapshot();
        // Escapes that decode to bytes that are not UTF-8: the server decodes once, strictly, and says so.
        for (String target : List.of("/events?series=%E9t%E9", "/events/%C3", "/events?from=2023-10-01%FF")) {
            RawResponse response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertEquals(400, response.status(), target + ": " + response.body());
            assertTrue(response.body().contains("\"type\":\"/problems/malformed-url\""), response.body());
            assertTrue(response.body().contains("not UTF-8"), response.body());
        }
        // A '%' without two hex digits: the JDK's HTTP server refuses the request line itself (400), before any of
        // our code runs; API Gateway refuses it too.
        for (String target : List.of("/events/%zz", "/events?from=%")) {
            assertEquals(
                    400,
                    raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .status(),
                    target);
        }
        // %2540 is "%40" once decoded, which is not an address: it is not decoded a second time into "@".
        assertProblem(
                api.send("DELETE", "/admin/subscribers/claire%2540example.org", null, api.admin()),
                400,
                "/problems/invalid-email");
        assertEquals(before, snapshot());
    }

    @Test
    void bodiesThatAreNotUtf8NestTooDeepOrHoldNonFiniteNumbersAreRefusedInOurWords() throws Exception {
        Map<String, String> before = snapshot();
        byte[] latin1 = VALID.replace("Atelier", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        RawResponse notUtf8 = raw(
                ("POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                        + "Authorization: Bearer " + api.adminToken + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + latin1.length + "\r\n\r\n"),
                latin1);
        assertEquals(400, notUtf8.status(), notUtf8.body());
        assertTrue(notUtf8.body().contains("not valid UTF-8"), notUtf8.body());
        assertProblem(
                api.send("POST", "/events", "[".repeat(150) + "]".repeat(150), api.admin()),
                400,
                "/problems/malformed-body",
                "deeper than 100 levels");
        assertProblem(
                api.send("POST", "/events", VALID.replace("}", ", \"x\": 1e999}"), api.admin()),
                400,
                "/problems/malformed-body",
                "numbers must be finite");
        assertProblem(
                api.send("POST", "/events", VALID + VALID, api.admin()),
                400,
                "/problems/malformed-body",
                "two JSON documents");
        assertEquals(before, snapshot());
    }

    @Test
    void textFieldsAndTimesThatCannotBeShownOrDoNotExistAreRefusedNamingTheField() throws Exception {
        Map<String, String> before = snapshot();
        assertField(VALID.replace("Atelier", "Atelier\\u202Egnp.exe"), "title");
        assertField(VALID.replace("Atelier", "A\\u0007telier"), "title");
        assertField(VALID.replace("Atelier", "\\ud800"), "title");
        assertField(
                VALID.replace("2024-09-12T08:30", "2024-03-31T02:30").replace("2024-09-12T10:30", "2024-03-31T04:00"),
                "start");
        assertField(VALID.replace("2024-09-12T10:30", "3000-01-01T10:30"), "end");
        assertField(VALID.replace("2024-09-12T10:30", "2024-09-12T08:00"), "end");
        assertEquals(before, snapshot());
    }

    @Test
    void smallEnds() throws Exception {
        Map<String, String> before = snapshot();
        assertProblem(api.send("GET", "/calendar.ics?series=inconnue", null, Map.of()), 404, "/problems/not-found");
        String key = "reordered-" + Instant.now().toEpochMilli();
        String body = "{\"title\": \"Ordre\", \"start\": \"2024-09-19T08:30\", \"end\": \"2024-09-19T10:30\"}";
        String reordered =
                "{ \"end\": \"2024-09-19T10:30\",\n  \"start\": \"2024-09-19T08:30\", \"title\": \"Ordre\" }";
        HttpResponse<String> first = api.send("POST", "/events", body, withAdmin(Map.of("Idempotency-Key", key)));
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> replay = api.send("POST", "/events", reordered, withAdmin(Map.of("Idempotency-Key", key)));
        assertEquals(201, replay.statusCode(), "the same request, written otherwise: " + replay.body());
        assertEquals(first.body(), replay.body());

        String id = Json.MAPPER.readTree(first.body()).get("id").asText();
        String firstTag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(204, api.send("DELETE", "/events/" + id, null, api.admin()).statusCode());
        HttpResponse<String> again = api.send("POST", "/events", body, api.admin());
        assertEquals(201, again.statusCode(), again.body());
        assertNotEquals(firstTag, again.headers().firstValue("ETag").orElseThrow(), "an ETag is never reused");
        assertEquals(3, Json.MAPPER.readTree(again.body()).get("version").asInt());
        before.put(id, "3");
        assertEquals(before, snapshot());
    }

    private static void assertField(String body, String field) throws Exception {
        HttpResponse<String> response = api.send("POST", "/events", body, api.admin());
        JsonNode problem = assertProblem(response, 422, "/problems/invalid-event");
        assertEquals(field, problem.get("field").asText(), response.body());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type, String... details)
            throws Exception {
        assertEquals(
                status,
                response.statusCode(),
                response.request().method() + " " + response.request().uri() + " "
                        + response.request().headers().map() + " -> " + response.body());
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers() + " " + response.body());
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertEquals(type, problem.get("type").asText(), response.body());
        for (String detail : details) {
            assertTrue(problem.get("detail").asText().contains(detail), response.body());
        }
        return problem;
    }

    private static Map<String, String> withAdmin(Map<String, String> headers) {
        Map<String, String> all = new TreeMap<>(headers);
        all.putAll(api.admin());
        return all;
    }

    /** Every event and its version: what "nothing changed" means. */
    private static Map<String, String> snapshot() {
        Map<String, String> events = new TreeMap<>();
        for (Event event : store.listAll(Instant.parse("1899-01-01T00:00:00Z"), null, null, 1000)) {
            events.put(event.id(), Long.toString(event.version()));
        }
        return events;
    }

    private record RawResponse(int status, String body) {}

    /** A request sent as bytes: what no well-behaved HTTP client would send. */
    private static RawResponse raw(String head, byte[]... body) throws IOException {
        URI base = api.server.baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            for (byte[] part : body) {
                out.write(part);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }
}
