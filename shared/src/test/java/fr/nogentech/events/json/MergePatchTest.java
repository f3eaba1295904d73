package fr.nogentech.events.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of RFC 7396, appendix A, and the ones administrators use. */
class MergePatchTest {

    @Test
    void followsTheRfcExamples() throws Exception {
        String[][] cases = {
            {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
            {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
            {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
            {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
            {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
            {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
            {"{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"},
            {"{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"},
            {"[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"},
            {"{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"},
            {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
            {"[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"},
            {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
        };
        for (String[] c : cases) {
            assertEquals(tree(c[2]), MergePatch.apply(tree(c[0]), tree(c[1])), c[0] + " + " + c[1]);
        }
    }

    @Test
    void changesJustTheVenue() throws Exception {
        JsonNode event = tree("{\"title\":\"T\",\"venue\":{\"name\":\"Canopé\",\"city\":\"Chaumont\"},\"status\":"
                + "\"scheduled\"}");
        JsonNode patched = MergePatch.apply(event, tree("{\"venue\":{\"name\":\"CRITT MI\",\"city\":\"Nogent\"}}"));
        assertEquals(
                tree("{\"title\":\"T\",\"venue\":{\"name\":\"CRITT MI\",\"city\":\"Nogent\"},\"status\":"
                        + "\"scheduled\"}"),
                patched);
        assertEquals("Canopé", event.at("/venue/name").asText(), "the target is left as it was");
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
