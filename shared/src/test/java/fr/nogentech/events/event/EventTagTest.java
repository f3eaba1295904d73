package fr.nogentech.events.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTagTest {

    @Test
    void ifMatchComparesStrongly() {
        assertEquals("\"v3\"", EventTag.of(3));
        assertTrue(EventTag.matches("\"v3\"", 3));
        assertTrue(EventTag.matches("\"v2\", \"v3\"", 3));
        assertTrue(EventTag.matches("*", 3));
        assertFalse(EventTag.matches("\"v2\"", 3));
        assertFalse(EventTag.matches("W/\"v3\"", 3));
        assertFalse(EventTag.matches("v3", 3));
        assertFalse(EventTag.matches("garbage", 3));
        assertEquals(3L, EventTag.singleVersion("\"v3\""));
        assertNull(EventTag.singleVersion("*"));
        assertNull(EventTag.singleVersion("\"v2\", \"v3\""));
    }
}
