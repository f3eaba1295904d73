package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The administration API end to end, as an administrator's {@code curl} reaches it: a real HTTP client, the
 * development server running the template's authorizer and handlers, and moto.
 */
class AdminApiEndToEndTest {

    private static final String TOKEN = AdminTokens.newToken();
    private static final String REVOKED = AdminTokens.newToken();
    private static final String SOME_ID = "2024-01-11-diagnostics-climat";
    private static final String VALID_EVENT = """
            {"title": "Visite de l’usine Usi 2", "start": "2023-09-21T14:00", "end": "2023-09-21T16:00",
             "venue": {"name": "Forges de Courcelles", "city": "Nogent"}}""";

    private static DynamoDbClient dynamoDb;
    private static EventStore store;
    private static String table;
    private static DevServer server;

    @BeforeAll
    static void start() {
        LocalAws moto = TestStack.moto();
        table = TestStack.newEventsTable(moto, "admin-e2e");
        dynamoDb = moto.dynamoDb();
        store = new EventStore(dynamoDb, table, Clock.systemUTC());
        SeededTables.loadSeeds(store);
        server = serverWithTokens(AdminTokens.entry("e2e-admin", TOKEN));
    }

    @AfterAll
    static void stop() {
        server.close();
        dynamoDb.close();
    }

    private static DevServer serverWithTokens(String hashes) {
        return DevServer.start(ProjectRoot.template(), LocalRunTables.parameters(table, hashes), 0);
    }

    @Test
    void everyProtectedRouteOfTheTemplateRefusesWithoutAValidTokenAndChangesNothing() throws Exception {
        List<SamTemplate.Route> protectedRoutes = ProjectRoot.template().functions().stream()
                .flatMap(f -> f.routes().stream())
                .filter(route -> route.authorizer() != null)
                .toList();
        assertTrue(protectedRoutes.size() >= 4, protectedRoutes.toString());
        String before = everything();
        Map<String, Integer> refusals = new LinkedHashMap<>();
        refusals.put(null, 401);
        refusals.put("", 401);
        refusals.put("Bearer", 403);
        refusals.put("Bearer not a token", 403);
        refusals.put("Basic " + TOKEN, 403);
        refusals.put(TOKEN, 403);
        refusals.put("Bearer " + AdminTokens.newToken(), 403);
        refusals.put("Bearer " + REVOKED, 403);
        for (SamTemplate.Route route : protectedRoutes) {
            String path = route.path().replaceAll("\\{[^}]+}", SOME_ID);
            for (Map.Entry<String, Integer> refusal : refusals.entrySet()) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (refusal.getKey() != null) {
                    headers.put("Authorization", refusal.getKey());
                }
                HttpResponse<String> response = send(route.method(), path, VALID_EVENT, headers);
                assertEquals(refusal.getValue(), response.statusCode(), route.key() + " with " + refusal.getKey());
                // The refusal says nothing of the tokens: not the one sent, not which exist.
                assertTrue(
                        !response.body().contains(TOKEN)
                                && !response.body().contains(REVOKED)
                                && !response.body().contains("e2e-admin"),
                        response.body());
            }
        }
        assertEquals(before, everything());
    }

    @Test
    void aRevokedTokenStopsWorkingWhenItsPairIsRemoved() throws Exception {
        try (DevServer before =
                serverWithTokens(AdminTokens.entry("e2e-admin", TOKEN) + "," + AdminTokens.entry("leaver", REVOKED))) {
            HttpResponse<String> allowed = send(
                    before,
                    "PATCH",
                    "/events/" + SOME_ID,
                    "{\"title\":\"Les " + "diagnostics Climat\"}",
                    Map.of("Authorization", "Bearer " + REVOKED));
            assertEquals(200, allowed.statusCode(), allowed.body());
        }
        // `server` is the configuration after the pair was removed.
        HttpResponse<String> refused = send(
                "PATCH", "/events/" + SOME_ID, "{\"title\":\"Autre\"}", Map.of("Authorization", "Bearer " + REVOKED));
        assertEquals(403, refused.statusCode());
        assertEquals("leaver", store.find(SOME_ID).orElseThrow().updatedBy());
    }

    @Test
    void theReadmeFlowCreatesAmendsCancelsAndDeletesAndTheListingShowsEachChange() throws Exception {
        HttpResponse<String> created = admin("POST", "/events", """
                {"title": "Petit déjeuner de rentrée", "series": "rencontres-du-jeudi",
                 "start": "2024-09-12T08:30", "end": "2024-09-12T10:30",
                 "venue": {"name": "Canopé", "city": "Chaumont"}}""", Map.of());
        assertEquals(201, created.statusCode(), created.body());
        String id = "2024-09-12-petit-dejeuner-de-rentree";
        assertEquals("/events/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals("Canopé", listed(id).at("/venue/name").asText());

        HttpResponse<String> moved =
                admin("PATCH", "/events/" + id, "{\"venue\":{\"name\":\"CRITT MI\",\"city\":\"Nogent\"}}", Map.of());
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("CRITT MI", listed(id).at("/venue/name").asText());
        assertEquals("Nogent", listed(id).at("/venue/city").asText());
        assertEquals("Petit déjeuner de rentrée", listed(id).get("title").asText());

        String etag = moved.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> cancelled =
                admin("PATCH", "/events/" + id, "{\"status\":\"cancelled\"}", Map.of("If-Match", etag));
        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals("cancelled", listed(id).get("status").asText(), "a cancelled event stays visible");
        assertEquals(3, listed(id).get("version").asInt());
        assertEquals("e2e-admin", store.find(id).orElseThrow().updatedBy());

        HttpResponse<String> deleted = admin("DELETE", "/events/" + id, null, Map.of());
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEquals(null, listed(id));
    }

    @Test
    void twentyConcurrentPatchesWithOneIfMatchApplyExactlyOne() throws Exception {
        String id = "2023-12-14-recruter-sans-cv";
        String etag = get("/events/" + id).headers().firstValue("ETag").orElseThrow();
        List<Callable<HttpResponse<String>>> patches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String title = "Recruter sans CV (" + i + ")";
            patches.add(
                    () -> admin("PATCH", "/events/" + id, "{\"title\":\"" + title + "\"}", Map.of("If-Match", etag)));
        }
        List<HttpResponse<String>> responses = concurrently(patches);
        long applied = responses.stream().filter(r -> r.statusCode() == 200).count();
        long stale = responses.stream().filter(r -> r.statusCode() == 412).count();
        assertEquals(
                1,
                applied,
                responses.stream().map(HttpResponse::statusCode).toList().toString());
        assertEquals(19, stale);
        String winner = Json.MAPPER
                .readTree(responses.stream()
                        .filter(r -> r.statusCode() == 200)
                        .findFirst()
                        .orElseThrow()
                        .body())
                .get("title")
                .asText();
        Event stored = store.find(id).orElseThrow();
        assertEquals(winner, stored.title());
        assertEquals(2, stored.version());
        JsonNode problem = Json.MAPPER.readTree(responses.stream()
                .filter(r -> r.statusCode() == 412)
                .findFirst()
                .orElseThrow()
                .body());
        assertEquals("\"v2\"", problem.get("currentETag").asText());
    }

    @Test
    void tenConcurrentPostsWithOneIdempotencyKeyCreateOneEvent() throws Exception {
        String body = """
                {"id": "2024-10-10-idempotent", "title": "Une fois", "start": "2024-10-10T08:30",
                 "end": "2024-10-10T10:30"}""";
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(() -> admin("POST", "/events", body, Map.of("Idempotency-Key", "retry-me-1")));
        }
        List<HttpResponse<String>> responses = concurrently(posts);
        for (HttpResponse<String> response : responses) {
            assertEquals(201, response.statusCode(), response.body());
            assertEquals(responses.get(0).body(), response.body());
            assertEquals(
                    "/events/2024-10-10-idempotent",
                    response.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(1, store.find("2024-10-10-idempotent").orElseThrow().version());

        HttpResponse<String> otherBody = admin(
                "POST", "/events", body.replace("Une fois", "Autre chose"), Map.of("Idempotency-Key", "retry-me-1"));
        assertEquals(422, otherBody.statusCode());
        assertEquals(
                "/problems/idempotency-key-reused",
                Json.MAPPER.readTree(otherBody.body()).get("type").asText());
        assertEquals(
                "Une fois", store.find("2024-10-10-idempotent").orElseThrow().title());
    }

    @Test
    void everyBadInputGetsAProblemNamingWhatIsWrongAndChangesNothing() throws Exception {
        record Case(
                String method,
                String path,
                String body,
                Map<String, String> headers,
                int status,
                String field,
                String detailPart) {}
        String patchPath = "/events/" + SOME_ID;
        String longTitle = "x".repeat(201);
        List<Case> cases = List.of(
                new Case("POST", "/events", "{\"title\": \"T\", ", Map.of(), 400, null, "not valid JSON"),
                new Case("POST", "/events", "[\"not\", \"an\", \"object\"]", Map.of(), 422, "", "JSON object"),
                new Case("POST", "/events", "\"a string\"", Map.of(), 422, "", "JSON object"),
                new Case(
                        "POST",
                        "/events",
                        "{\"start\": \"2024-11-14T08:30\", \"end\": \"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "title",
                        "required"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"   \", \"start\": \"2024-11-14T08:30\", \"end\": " + "\"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "title",
                        "blank"),
                new Case(
                        "POST",
                        "/events",
                        "{\"tilte\": \"T\", \"title\": \"T\", \"start\": \"2024-11-14T08:30\", "
                                + "\"end\": \"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "tilte",
                        "unknown field"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": 42, \"start\": \"2024-11-14T08:30\", \"end\": " + "\"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "title",
                        "must be a string"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"T\", \"start\": \"jeudi\", \"end\": \"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "start",
                        "date-time"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"T\", \"start\": \"2024-11-14T08:30\", \"end\": " + "\"2024-11-14T07:30\"}",
                        Map.of(),
                        422,
                        "end",
                        "after `start`"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"T\", \"start\": \"2024-11-14T08:30\", \"end\": "
                                + "\"2024-11-14T10:30\", \"timeZone\": \"Europe/Nogent\"}",
                        Map.of(),
                        422,
                        "timeZone",
                        "IANA"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"T\", \"start\": \"2024-11-14T08:30\", \"end\": "
                                + "\"2024-11-14T10:30\", \"status\": \"done\"}",
                        Map.of(),
                        422,
                        "status",
                        "scheduled"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"" + longTitle + "\", \"start\": \"2024-11-14T08:30\", "
                                + "\"end\": \"2024-11-14T10:30\"}",
                        Map.of(),
                        422,
                        "title",
                        "too long"),
                new Case(
                        "POST",
                        "/events",
                        "{\"title\": \"" + "x".repeat(70_000) + "\"}",
                        Map.of(),
                        413,
                        null,
                        "64 KiB"),
                new Case(
                        "POST",
                        "/events",
                        VALID_EVENT,
                        Map.of("Content-Type", "text/csv"),
                        415,
                        null,
                        "application/json"),
                new Case(
                        "POST",
                        "/events",
                        VALID_EVENT.replaceFirst("\\{", "{\"id\": \"" + SOME_ID + "\", "),
                        Map.of(),
                        409,
                        null,
                        "exists already"),
                new Case(
                        "PATCH",
                        patchPath,
                        "{\"speakers\": [{\"name\": \"A\", \"role\": \"host\"}]}",
                        Map.of(),
                        422,
                        "speakers[0].role",
                        "speaker or testimony"),
                new Case("PATCH", patchPath, "{\"id\": \"another-id\"}", Map.of(), 422, "id", "cannot change"),
                new Case("PATCH", patchPath, "[]", Map.of(), 422, "", "merge patch"),
                new Case(
                        "PATCH",
                        patchPath,
                        "{\"status\": \"cancelled\"}",
                        Map.of("If-Match", "\"v99\""),
                        412,
                        null,
                        "If-Match"),
                new Case(
                        "PATCH",
                        "/events/2099-01-01-nothing",
                        "{\"status\": \"cancelled\"}",
                        Map.of(),
                        404,
                        null,
                        "No event"),
                new Case("PUT", patchPath, "{\"title\": \"T\"}", Map.of(), 422, "start", "required"),
                new Case("PUT", "/events/2099-01-01-nothing", VALID_EVENT, Map.of(), 404, null, "No event"),
                new Case("DELETE", "/events/2099-01-01-nothing", null, Map.of(), 404, null, "No event"),
                new Case("DELETE", patchPath, null, Map.of("If-Match", "\"v99\""), 412, null, "If-Match"),
                new Case(
                        "POST",
                        "/events",
                        VALID_EVENT,
                        Map.of("Idempotency-Key", "spaces are not allowed"),
                        400,
                        null,
                        "Idempotency-Key"));
        String before = everything();
        for (Case c : cases) {
            HttpResponse<String> response = admin(c.method(), c.path(), c.body(), c.headers());
            String label = c.method() + " " + c.path() + " "
                    + (c.body() == null
                            ? ""
                            : c.body().substring(0, Math.min(60, c.body().length())));
            assertEquals(c.status(), response.statusCode(), label + " → " + response.body());
            assertEquals(
                    "application/problem+json; charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow(),
                    label);
            JsonNode problem = Json.MAPPER.readTree(response.body());
            assertEquals(c.status(), problem.get("status").asInt(), label);
            assertTrue(problem.get("detail").asText().contains(c.detailPart()), label + " → " + problem);
            if (c.field() != null) {
                assertEquals(c.field(), problem.get("field").asText(), label);
            }
            assertTrue(
                    !response.body().contains("Exception") && !response.body().contains("\tat "), label);
        }
        assertEquals(before, everything(), "no bad input changed the store");
    }

    /** Every event as the public listing shows it, to compare before and after. */
    private static String everything() throws IOException, InterruptedException {
        return get("/events?from=1900-01-01&limit=100").body();
    }

    private static JsonNode listed(String id) throws IOException, InterruptedException {
        for (JsonNode item : Json.MAPPER.readTree(everything()).get("items")) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static List<HttpResponse<String>> concurrently(List<Callable<HttpResponse<String>>> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Callable<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return call.call();
                }));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> admin(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + TOKEN);
        return send(method, path, body, all);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpCalls.get(server.baseUri(), path, Map.of());
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return send(server, method, path, body, headers);
    }

    private static HttpResponse<String> send(
            DevServer target, String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.send(target.baseUri(), method, path, body, headers);
    }
}
