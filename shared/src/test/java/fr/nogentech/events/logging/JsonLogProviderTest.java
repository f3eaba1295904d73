package fr.nogentech.events.logging;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SLF4J through the project's provider: one JSON record a line, as Lambda's JSON log format reads them. */
class JsonLogProviderTest {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLogProviderTest.class);

    @Test
    void aRecordIsOneJsonLineWithTheRequestIdAndTypedFields() throws Exception {
        List<String> lines = new ArrayList<>();
        MDC.put("AWSRequestId", "req-42");
        try (AutoCloseable capture = LogRecords.capture(lines::add)) {
            LOG.atInfo()
                    .addKeyValue("month", "2023-10")
                    .addKeyValue("sent", 12)
                    .addKeyValue("failed", 0)
                    .log("mailing {}", "finished");
        } finally {
            MDC.remove("AWSRequestId");
        }
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n"));
        JsonNode record = Json.MAPPER.readTree(lines.get(0));
        assertEquals("INFO", record.get("level").asText());
        assertEquals("JsonLogProviderTest", record.get("logger").asText());
        assertEquals("mailing finished", record.get("message").asText());
        assertEquals("req-42", record.get("requestId").asText());
        assertEquals("2023-10", record.get("month").asText());
        assertTrue(record.get("sent").isNumber());
        assertEquals(12, record.get("sent").asInt());
        OffsetDateTime.parse(record.get("timestamp").asText());
    }

    @Test
    void anExceptionIsNamedWithoutItsMessageWhichMayQuoteARequest() throws Exception {
        List<String> lines = new ArrayList<>();
        try (AutoCloseable capture = LogRecords.capture(lines::add)) {
            LOG.error("request failed", new IllegalStateException("bad address marie@example.org"));
        }
        JsonNode record = Json.MAPPER.readTree(lines.get(0));
        assertEquals("ERROR", record.get("level").asText());
        assertEquals("java.lang.IllegalStateException", record.get("exception").asText());
        assertTrue(record.get("thrownAt").asText().contains("JsonLogProviderTest"));
        assertFalse(lines.get(0).contains("marie@example.org"), lines.get(0));
    }

    @Test
    void belowTheLevelNothingIsWritten() throws Exception {
        List<String> lines = new ArrayList<>();
        try (AutoCloseable capture = LogRecords.capture(lines::add)) {
            LOG.debug("not at INFO");
            LOG.atTrace().addKeyValue("k", "v").log("nor this");
        }
        assertEquals(List.of(), lines);
    }
}
