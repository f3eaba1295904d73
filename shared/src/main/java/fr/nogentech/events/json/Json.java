package fr.nogentech.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one Jackson mapper of the project. Documents are built as trees: no reflection, no modules to load. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Escapes {@code <}, {@code >} and {@code &}: the text can be inlined in an HTML {@code <script>} element. */
    private static final ObjectWriter FOR_HTML = MAPPER.writer().with(new CharacterEscapes() {
        private final int[] escapes;

        {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    });

    /** Properties sorted at every level: two documents that mean the same are written the same. */
    private static final ObjectWriter CANONICAL = MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    /** A document the project wrote itself (a constant, a stored item): one that does not parse is a bug. */
    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON document of the project does not parse", e);
        }
    }

    public static String write(JsonNode node) {
        return write(MAPPER.writer(), node);
    }

    /** The document with its properties sorted, for comparing what two requests mean. */
    public static String canonical(JsonNode node) {
        return write(CANONICAL, node);
    }

    /** As {@link #write}, safe to inline in an HTML page ({@code <script type="application/ld+json">}). */
    public static String writeForHtml(JsonNode node) {
        return write(FOR_HTML, node);
    }

    private static String write(ObjectWriter writer, JsonNode node) {
        try {
            return writer.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
