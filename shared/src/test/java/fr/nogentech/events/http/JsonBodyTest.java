package fr.nogentech.events.http;

import fr.nogentech.events.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {

    @Test
    void acceptsJsonAndWhatCurlSendsByDefault() {
        for (String type : new String[]{null, "application/json", "application/json; charset=utf-8",
                "application/merge-patch+json", "application/x-www-form-urlencoded"}) {
            assertEquals("T", JsonBody.read(request(type, "{\"title\":\"T\"}")).get("title").asText(), type);
        }
    }

    @Test
    void saysWhatIsWrongWithTheBody() {
        assertProblem(415, "text/plain", "{}", "Content-Type: application/json");
        assertProblem(400, "application/json", "", "empty");
        assertProblem(400, "application/json", "{\"title\": ", "line 1");
        assertProblem(400, "application/json", "{\"title\": \"a\"} {}", "not valid JSON");
        assertProblem(400, "application/json", "{\"title\": \"a\", \"title\": \"b\"}", "Duplicate field");
        assertProblem(413, "application/json", "{\"title\": \"" + "x".repeat(70_000) + "\"}", "64 KiB");
    }

    private static void assertProblem(int status, String type, String body, String detailPart) {
        ProblemException e = assertThrows(ProblemException.class, () -> JsonBody.read(request(type, body)));
        assertEquals(status, e.problem().status());
        assertTrue(e.problem().detail().contains(detailPart), e.problem().detail());
    }

    private static HttpRequest request(String contentType, String body) {
        return new HttpRequest("POST /events", Map.of(), Map.of(),
                contentType == null ? Map.of() : Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8), "alice");
    }
}
