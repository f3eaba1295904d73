package fr.nogentech.events.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

import java.util.List;
import java.util.Map;

import static fr.nogentech.events.local.SamTemplate.list;
import static fr.nogentech.events.local.SamTemplate.map;

/** Creates a table of {@code template.yaml} under a given name, with the template's keys, indexes and TTL. */
public final class TemplateTables {

    private TemplateTables() {}

    /** Creates the table (if absent) and waits until it is active. */
    public static void create(DynamoDbClient dynamoDb, SamTemplate.Table table, String name) {
        Map<String, Object> properties = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.fromValue(
                        String.valueOf(properties.getOrDefault("BillingMode", "PAY_PER_REQUEST"))))
                .attributeDefinitions(list(properties.get("AttributeDefinitions")).stream()
                        .map(SamTemplate::map)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(String.valueOf(a.get("AttributeName")))
                                .attributeType(String.valueOf(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes = list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(SamTemplate::map)
                .map(index -> GlobalSecondaryIndex.builder()
                        .indexName(String.valueOf(index.get("IndexName")))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(Projection.builder()
                                .projectionType(String.valueOf(
                                        map(index.get("Projection")).get("ProjectionType")))
                                .build())
                        .build())
                .toList();
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        try {
            dynamoDb.createTable(request.build());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(r -> r.tableName(name));
        Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
        if (Boolean.TRUE.equals(ttl.get("Enabled"))) {
            dynamoDb.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(spec -> spec.attributeName(String.valueOf(ttl.get("AttributeName")))
                            .enabled(true)));
        }
    }

    private static List<KeySchemaElement> keySchema(Object keySchema) {
        return list(keySchema).stream()
                .map(SamTemplate::map)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(String.valueOf(k.get("AttributeName")))
                        .keyType(String.valueOf(k.get("KeyType")))
                        .build())
                .toList();
    }
}
