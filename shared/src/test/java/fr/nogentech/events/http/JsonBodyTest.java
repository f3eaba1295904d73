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
        for (String type : new String[] {
            null,
            "application/json",
            "application/json; charset=utf-8",
            "application/merge-patch+json",
            "application/x-www-form-urlencoded"
        }) {
            assertEquals(
                    "T",
                    JsonBody.read(request(type, "{\"title\":\"T\"}"))
                            .get("title")
                            .asText(),
                    type);
        }
    }

    @Test
    void saysWhatIsWrongWithTheBody() {
        assertProblem(415, "text/plain", "{}", "Content-Type: application/json");
        assertProblem(400, "application/json", "", "empty");
        assertProblem(400, "application/json", "{\"title\": ", "line 1");
        assertProblem(400, "application/json", "{\"title\": \"a\"} {}", "two JSON documents");
        assertProblem(400, "application/json", "{\"title\": \"a\", \"title\": \"b\"}", "field \"title\" twice");
        assertProblem(413, "application/json", "{\"title\": \"" + "x".repeat(70_000) + "\"}", "64 KiB");
        assertProblem(400, "application/json", "[".repeat(101) + "]".repeat(101), "deeper than 100 levels");
        assertProblem(400, "application/json", "{\"n\": NaN}", "numbers must be finite");
        assertProblem(400, "application/json", "{\"n\": [1e999]}", "numbers must be finite");
        assertEquals(
                100,
                JsonBody.read(request("application/json", "[".repeat(99) + "100" + "]".repeat(99)))
                        .at("/0".repeat(98) + "/0")
                        .asInt(),
                "100 levels are fine");
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedInOurWords() {
        byte[] latin1 = "{\"title\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] lone = {'{', '"', 't', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        for (byte[] body : new byte[][] {latin1, lone}) {
            ProblemException e = assertThrows(
                    ProblemException.class,
                    () -> JsonBody.read(new HttpRequest(
                            "POST /events",
                            Map.of(),
                            Map.of(),
                            Map.of("content-type", "application/json"),
                            body,
                            "alice")));
            assertEquals(400, e.problem().status());
            assertEquals(
                    "The body is not valid UTF-8: send JSON text encoded in UTF-8.",
                    e.problem().detail());
        }
    }

    @Test
    void noDetailNamesTheParserOrItsSettings() {
        for (String body : new String[] {
            "{\"title\": ",
            "{,}",
            "[1,]",
            "{\"a\":1}x",
            "{'a': 1}",
            "\"\\x\"",
            "[".repeat(2000),
            "{\"a\": 01}",
            "\u0000",
            "{\"a\": \"\u0001\"}"
        }) {
            ProblemException e =
                    assertThrows(ProblemException.class, () -> JsonBody.read(request("application/json", body)));
            String detail = e.problem().detail();
            for (String leak : new String[] {
                "Jackson",
                "jackson",
                "com.fasterxml",
                "StreamReadConstraints",
                "token",
                "Unexpected character",
                "JsonParser",
                "Feature",
                "`.",
                "source:"
            }) {
                assertTrue(!detail.contains(leak), body + ": " + detail);
            }
        }
    }

    private static void assertProblem(int status, String type, String body, String detailPart) {
        ProblemException e = assertThrows(ProblemException.class, () -> JsonBody.read(request(type, body)));
        assertEquals(status, e.problem().status());
        assertTrue(e.problem().detail().contains(detailPart), e.problem().detail());
    }

    private static HttpRequest request(String contentType, String body) {
        return new HttpRequest(
                "POST /events",
                Map.of(),
                Map.of(),
                contentType == null ? Map.of() : Map.of("content-type", contentType),
                body.getBytes(StandardCharsets.UTF_8),
                "alice");
    }
}
