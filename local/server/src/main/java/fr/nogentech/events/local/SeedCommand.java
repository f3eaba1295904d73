package fr.nogentech.events.local;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Path;

/**
 * {@code make seed TABLE=<name>}: loads {@code seeds/} into a table, local or deployed, idempotently. AWS settings
 * (region, credentials, profile, endpoint) come from the SDK's standard environment, as for any AWS tool.
 */
public final class SeedCommand {

    private SeedCommand() {}

    public static void main(String[] args) {
        String table = args.length > 0 ? args[0] : System.getenv("EVENTS_TABLE");
        if (table == null || table.isBlank()) {
            System.err.println("usage: make seed TABLE=<events table name>  (the stack output EventsTableName)");
            System.exit(2);
        }
        Path seeds = args.length > 1 ? Path.of(args[1]) : ProjectRoot.find().resolve("seeds");
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            Seeds.Result result = Seeds.load(dynamoDb, table, seeds);
            System.out.printf(
                    "%s: %d events loaded, %d already present (left unchanged)%n",
                    table, result.loaded(), result.alreadyPresent());
        }
    }
}
