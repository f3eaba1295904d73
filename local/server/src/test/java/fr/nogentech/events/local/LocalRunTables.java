package fr.nogentech.events.local;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The template's references for a development server in a test: its own table and queues, and the local run's
 * parameters.
 */
final class LocalRunTables {

    static final URI SITE = URI.create("http://127.0.0.1:8080");
    static final URI API = URI.create("http://127.0.0.1:3000");

    private LocalRunTables() {}

    /**
     * Adds {@link OtherSeries}' event to a table: the seeds are all rencontres du jeudi, so only an event of another
     * series tells a series filter from none.
     */
    static void addOtherSeries(String table) {
        try (var dynamoDb = TestStack.moto().dynamoDb()) {
            Seeds.load(dynamoDb, table, OtherSeries.folder());
        }
    }

    static Map<String, String> parameters(String eventsTable, String adminTokenHashes) {
        Map<String, String> references = new HashMap<>(LocalRun.parameters(adminTokenHashes, SITE, API));
        references.put("EventsTable", eventsTable);
        references.putAll(TestStack.newQueues(TestStack.moto(), "run"));
        return references;
    }
}
