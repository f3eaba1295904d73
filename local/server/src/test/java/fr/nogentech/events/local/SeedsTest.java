package fr.nogentech.events.local;

import fr.nogentech.events.event.Event;
import fr.nogentech.events.store.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seeding command's work against moto: the programme, loaded once however often it runs. */
class SeedsTest {

    @Test
    void loadingTwiceChangesNothing() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "seeds");
        List<Event> seeds = Seeds.read(ProjectRoot.find().resolve("seeds"));
        assertEquals(6, seeds.size());
        try (var dynamoDb = moto.dynamoDb()) {
            EventStore first =
                    new EventStore(dynamoDb, table, Clock.fixed(Instant.parse("2023-09-01T10:00:00Z"), ZoneOffset.UTC));
            assertEquals(new Seeds.Result(6, 0), Seeds.load(first, seeds));

            EventStore later =
                    new EventStore(dynamoDb, table, Clock.fixed(Instant.parse("2023-09-02T10:00:00Z"), ZoneOffset.UTC));
            assertEquals(new Seeds.Result(0, 6), Seeds.load(later, seeds));

            for (Event seed : seeds) {
                Event stored = later.find(seed.id()).orElseThrow();
                assertEquals(1, stored.version());
                assertEquals(Instant.parse("2023-09-01T10:00:00Z"), stored.updatedAt());
                assertEquals(seed.title(), stored.title());
            }
            assertEquals(
                    3,
                    dynamoDb.describeTable(r -> r.tableName(table))
                            .table()
                            .globalSecondaryIndexes()
                            .size());
        }
    }

    @Test
    void theSeedCommandLoadsANamedTableThroughTheSdksOwnSettings() {
        LocalAws moto = TestStack.moto();
        String table = TestStack.newEventsTable(moto, "seed-command");
        SeedCommand.main(new String[] {table});
        SeedCommand.main(new String[] {table});
        try (var dynamoDb = moto.dynamoDb()) {
            assertEquals(6, dynamoDb.scan(r -> r.tableName(table)).count());
        }
    }
}
