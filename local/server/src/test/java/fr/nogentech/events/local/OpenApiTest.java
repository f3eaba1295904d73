package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/openapi.yaml against the template's routes and against real responses. */
class OpenApiTest {

    private static final String TOKEN = AdminTokens.newToken();
    private static JsonNode openApi;
    private static DevServer server;

    @BeforeAll
    static void start() throws IOException {
        try (Reader reader = Files.newBufferedReader(ProjectRoot.find().resolve("docs/openapi.yaml"))) {
            openApi = Json.MAPPER.valueToTree(new Yaml().load(reader));
        }
        String table = SeededTables.newSeededEventsTable("openapi");
        // registration emails go to a folder, as in the local run
        Path outbox = Files.createTempDirectory("openapi-outbox");
        server = DevServer.start(
                ProjectRoot.template(),
                LocalRunTables.parameters(table, AdminTokens.entry("openapi", TOKEN)),
                0,
                Map.of(ConfigKeys.OUTBOX_DIR, outbox.toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteOfTheTemplateIsDocumented() {
        for (SamTemplate.Function function : ProjectRoot.template().functions()) {
            for (SamTemplate.Route route : function.routes()) {
                JsonNode operation = openApi.path("paths")
                        .path(route.path())
                        .path(route.method().toLowerCase(Locale.ROOT));
                assertTrue(operation.isObject(), route.key() + " is not in docs/openapi.yaml");
                boolean documentedAsAdmin = operation.has("security");
                assertTrue(
                        documentedAsAdmin == (route.authorizer() != null),
                        route.key() + ": security in docs/openapi.yaml must match the template's authorizer");
            }
        }
    }

    @Test
    void realResponsesMatchTheirSchemas() throws Exception {
        String id = "2023-10-12-reseaux-sociaux-dans-l-industrie";
        Map<String, String> admin = Map.of("Authorization", "Bearer " + TOKEN);
        check("/events", "get", 200, send("GET", "/events?from=2023-09-01&limit=3", null, Map.of()));
        check("/events", "get", 400, send("GET", "/events?limit=500", null, Map.of()));
        check("/events", "get", 406, send("GET", "/events", null, Map.of("Accept", "text/html")));
        check("/events/{id}", "get", 200, send("GET", "/events/" + id, null, Map.of()));
        check("/events/{id}", "get", 200, send("GET", "/events/" + id, null, Map.of("Accept", "application/ld+json")));
        check("/events/{id}", "get", 404, send("GET", "/events/nothing-here", null, Map.of()));
        check("/series/{id}", "get", 200, send("GET", "/series/rencontres-du-jeudi", null, Map.of()));
        check("/series/{id}", "get", 404, send("GET", "/series/nothing", null, Map.of()));
        check(
                "/events",
                "post",
                201,
                send(
                        "POST",
                        "/events",
                        "{\"title\": \"Atelier\", \"start\": " + "\"2027-03-02T09:00\", \"end\": \"2027-03-02T12:00\"}",
                        admin));
        check("/events", "post", 422, send("POST", "/events", "{\"tilte\": \"Atelier\"}", admin));
        check("/events", "post", 401, send("POST", "/events", "{\"title\": \"Atelier\"}", Map.of()));
        check("/events/{id}", "patch", 200, send("PATCH", "/events/" + id, "{\"status\": \"postponed\"}", admin));
        check(
                "/events/{id}",
                "patch",
                412,
                send(
                        "PATCH",
                        "/events/" + id,
                        "{\"status\": \"cancelled\"}",
                        Map.of("Authorization", "Bearer " + TOKEN, "If-Match", "\"v1\"")));
        check(
                "/events/{id}",
                "put",
                200,
                send(
                        "PUT",
                        "/events/2027-03-02-atelier",
                        "{\"title\": \"Atelier\", "
                                + "\"start\": \"2027-03-02T09:00\", \"end\": \"2027-03-02T12:30\", \"venue\": {\"name\": "
                                + "\"CRITT MI\"}}",
                        admin));
        check("/events/{id}", "delete", 204, send("DELETE", "/events/2027-03-02-atelier", null, admin));
        check("/calendar.ics", "get", 400, send("GET", "/calendar.ics?series=NOT%20A%20NAME", null, Map.of()));
        check("/feed.atom", "get", 200, send("GET", "/feed.atom", null, Map.of()));
        check("/feed.atom", "get", 400, send("GET", "/feed.atom?series=NOT%20A%20NAME", null, Map.of()));
        check("/feed.atom", "get", 404, send("GET", "/feed.atom?series=inconnue", null, Map.of()));
        check("/feed.atom", "get", 406, send("GET", "/feed.atom", null, Map.of("Accept", "text/html")));
        check(
                "/subscriptions",
                "post",
                202,
                send("POST", "/subscriptions", "{\"email\": \"lecteur@example.org\"}", Map.of()));
        check("/subscriptions", "post", 400, send("POST", "/subscriptions", "{\"email\": \"lecteur\"}", Map.of()));
        check("/subscriptions/confirm", "get", 400, send("GET", "/subscriptions/confirm?token=x", null, Map.of()));
        check("/admin/mailings/{month}", "get", 200, send("GET", "/admin/mailings/2023-10", null, admin));
        check("/admin/mailings/{month}/send", "post", 409, send("POST", "/admin/mailings/2025-07/send", null, admin));
        check(
                "/admin/mailings/{month}/preview",
                "get",
                200,
                send("GET", "/admin/mailings/2023-10/preview", null, admin));
        check("/admin/subscribers", "get", 200, send("GET", "/admin/subscribers?state=pending", null, admin));
    }

    @Test
    void registrationResponsesMatchTheirSchemas() throws Exception {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + TOKEN);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        String person = "{\"name\": \"Marie Curie\", \"email\": \"marie@example.fr\", \"organization\": \"Radium SA\"}";
        LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(2);
        check(
                "/events",
                "post",
                201,
                send(
                        "POST",
                        "/events",
                        "{\"id\": \"petit-dejeuner-inscriptions\", \"title\": \"Petit déjeuner\", \"start\": \"" + day
                                + "T08:30\", \"end\": \"" + day + "T10:30\", \"registration\": {\"capacity\": 40}}",
                        admin));
        check(
                "/events/{id}",
                "patch",
                200,
                send("PATCH", "/events/petit-dejeuner-inscriptions", "{\"registration\": {\"capacity\": 12}}", admin));
        check(
                "/events/{id}/registrations",
                "post",
                202,
                send("POST", "/events/petit-dejeuner-inscriptions/registrations", person, json));
        check(
                "/events/{id}/registrations",
                "post",
                409,
                send("POST", "/events/2023-10-12-reseaux-sociaux-dans-l-industrie/registrations", person, json));
        check(
                "/events/{id}/registrations",
                "post",
                404,
                send("POST", "/events/nothing-here/registrations", person, json));
        check(
                "/events/{id}/registrations",
                "post",
                415,
                send(
                        "POST",
                        "/events/petit-dejeuner-inscriptions/registrations",
                        person,
                        Map.of("Content-Type", "text/plain")));
        check(
                "/events/{id}/registrations",
                "post",
                422,
                send(
                        "POST",
                        "/events/petit-dejeuner-inscriptions/registrations",
                        "{\"email\": \"marie@example.fr\"}",
                        json));
        check(
                "/events/{id}/registrations",
                "post",
                400,
                send(
                        "POST",
                        "/events/petit-dejeuner-inscriptions/registrations",
                        "{\"name\": \"Marie\", \"email\": \"marie\"}",
                        json));
        HttpResponse<String> open = send("GET", "/events/petit-dejeuner-inscriptions", null, Map.of());
        check("/events/{id}", "get", 200, open);
        assertTrue(open.body().contains("\"remaining\":12") && open.body().contains("\"open\":true"), open.body());
        check("/registrations/confirm", "get", 400, send("GET", "/registrations/confirm?token=x", null, Map.of()));
        check("/registrations/confirm", "post", 400, send("POST", "/registrations/confirm?token=x", null, Map.of()));
        check("/registrations/cancel", "get", 400, send("GET", "/registrations/cancel?token=x", null, Map.of()));
        check("/registrations/cancel", "post", 400, send("POST", "/registrations/cancel?token=x", null, Map.of()));
    }

    @Test
    void theSchemasRejectWhatTheyShould() throws Exception {
        JsonSchema event = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(
                        resolve(openApi.at("/components/schemas/Event")),
                        SchemaValidatorsConfig.builder().build());
        assertTrue(!event.validate(Json.MAPPER.readTree("{\"id\": \"x\"}")).isEmpty());
        JsonNode valid = Json.MAPPER.readTree(send("GET", "/events/2023-12-14-recruter-sans-cv", null, Map.of())
                .body());
        assertTrue(event.validate(valid).isEmpty());
        ((ObjectNode) valid).put("undocumented", true);
        assertTrue(!event.validate(valid).isEmpty(), "a field the document does not describe is caught");
    }

    /**
     * The response has the status this exchange must have, that status and the media type are documented for the
     * operation, and its body fits the schema.
     */
    private static void check(String path, String method, int expected, HttpResponse<String> response)
            throws IOException {
        String label = method.toUpperCase(Locale.ROOT) + " " + path + " → " + response.statusCode();
        assertEquals(expected, response.statusCode(), label + ", not " + expected + ": " + response.body());
        JsonNode documented = openApi.path("paths")
                .path(path)
                .path(method)
                .path("responses")
                .path(Integer.toString(response.statusCode()));
        assertTrue(!documented.isMissingNode(), label + " is not documented");
        documented = resolve(documented);
        if (response.statusCode() == 204 || response.statusCode() == 304) {
            return;
        }
        String type = response.headers()
                .firstValue("Content-Type")
                .orElseThrow()
                .split(";")[0]
                .trim();
        JsonNode content = documented.path("content").path(type);
        assertTrue(!content.isMissingNode(), label + ": " + type + " is not documented");
        JsonNode schema = resolve(content.get("schema"));
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema, SchemaValidatorsConfig.builder().build());
        JsonNode body = type.endsWith("json")
                ? Json.MAPPER.readTree(response.body())
                : Json.MAPPER.getNodeFactory().textNode(response.body());
        Set<ValidationMessage> errors = validator.validate(body);
        assertTrue(errors.isEmpty(), label + ": " + errors + "\n" + response.body());
    }

    /** The node with every local {@code $ref} replaced by what it names (the document has no cycles). */
    private static JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.has("$ref")) {
            JsonNode target = openApi.at(node.get("$ref").asText().substring(1));
            assertTrue(!target.isMissingNode(), "dangling " + node.get("$ref"));
            return resolve(target);
        }
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(resolve(item)));
            return copy;
        }
        return node;
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        return HttpCalls.send(server.baseUri(), method, path, body, headers);
    }
}
