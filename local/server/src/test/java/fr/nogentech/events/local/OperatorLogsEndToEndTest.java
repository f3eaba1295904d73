package fr.nogentech.events.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.logging.LogRecords;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator reads of a whole session of the product: every log line is a JSON record Lambda can filter and
 * CloudWatch can query, no line holds a token, an address or a body, and every administrative act leaves one audit
 * record naming the administrator and what was touched.
 */
class OperatorLogsEndToEndTest {

    private static final String ADDRESS = "Claire.Martin+annonces@Example.org";
    private static final String TITLE_MARK = "Atelier-confidentiel-7f3a";

    @Test
    void aSessionOfEveryRouteLeavesJsonRecordsWithoutSecretsAndOneAuditRecordPerAct() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        String confirmToken;
        String adminToken;
        try (LocalApi api = LocalApi.start("claude-ops", "operator-logs");
                AutoCloseable capture = LogRecords.capture(lines::add)) {
            adminToken = api.adminToken;
            String confirm = api.subscribeAndConfirm(ADDRESS);
            confirmToken = confirm.substring(confirm.indexOf("token=") + 6);

            String event = """
                    {"title": "%s", "series": "rencontres-du-jeudi", "start": "2024-09-12T08:30:00",
                     "end": "2024-09-12T10:30:00", "venue": {"name": "Canopé", "city": "Chaumont"}}""".formatted(TITLE_MARK);
            var created = api.send("POST", "/events", event, api.admin());
            assertEquals(201, created.statusCode(), created.body());
            String id = Json.MAPPER.readTree(created.body()).get("id").asText();
            assertEquals(
                    200,
                    api.send("PATCH", "/events/" + id, "{\"status\": \"cancelled\"}", api.admin())
                            .statusCode());
            assertEquals(
                    204, api.send("DELETE", "/events/" + id, null, api.admin()).statusCode());
            assertEquals(
                    202,
                    api.send("POST", "/admin/mailings/2023-10/send?force=true", null, api.admin())
                            .statusCode());
            api.settle();
            assertEquals(
                    200,
                    api.send(
                                    "DELETE",
                                    "/admin/subscribers/" + URLEncoder.encode(ADDRESS, StandardCharsets.UTF_8),
                                    null,
                                    api.admin())
                            .statusCode());
            // Refusals and bad input are logged too, and must not echo what was sent.
            assertEquals(
                    403,
                    api.send("DELETE", "/events/" + id, null, Map.of("Authorization", "Bearer " + adminToken + "x"))
                            .statusCode());
            assertEquals(
                    400,
                    api.send("POST", "/events", "{\"title\": \"" + TITLE_MARK + "\", ", api.admin())
                            .statusCode());
        }

        assertFalse(lines.isEmpty(), "the session logged nothing");
        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = Json.MAPPER.readTree(line);
            assertTrue(record.isObject(), line);
            for (String field : List.of("timestamp", "level", "logger", "message")) {
                assertTrue(record.hasNonNull(field), "no " + field + " in " + line);
            }
            String lower = line.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("claire.martin"), "an address in " + line);
            assertFalse(line.contains(adminToken), "the admin token in " + line);
            assertFalse(line.contains(confirmToken), "a confirmation token in " + line);
            assertFalse(line.contains(TITLE_MARK), "a request body in " + line);
            records.add(record);
        }

        List<JsonNode> audit = records.stream()
                .filter(r -> r.get("logger").asText().equals("audit"))
                .toList();
        assertEquals(
                List.of("event.create", "event.cancel", "event.delete", "mailing.send", "subscriber.erase"),
                audit.stream().map(r -> r.get("action").asText()).toList());
        for (JsonNode record : audit) {
            assertEquals("claude-ops", record.get("admin").asText(), record.toString());
            assertEquals("INFO", record.get("level").asText());
            assertTrue(record.hasNonNull("requestId"), "an audit record without the request id: " + record);
        }
        assertTrue(
                audit.get(0).get("target").asText().startsWith("event/2024-09-12-"),
                audit.get(0).toString());
        assertEquals("mailing/2023-10", audit.get(3).get("target").asText());
        assertTrue(
                audit.get(4).get("target").asText().matches("subscriber/[0-9a-f]{64}"),
                audit.get(4).toString());

        JsonNode finished = records.stream()
                .filter(r -> r.get("message").asText().equals("mailing finished"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'mailing finished' record: " + lines));
        assertEquals("2023-10", finished.get("month").asText());
        assertEquals(1, finished.get("sent").asInt());
        assertEquals(0, finished.get("failed").asInt());
    }
}
