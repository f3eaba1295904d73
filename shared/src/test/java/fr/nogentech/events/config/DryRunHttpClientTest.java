package fr.nogentech.events.config;

import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.lambda.DryRun;
import fr.nogentech.events.lambda.DryRunSwitch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The functions' HTTP client in priming's dry run answers the SDK's writes itself, and sends nothing; outside it, it
 * passes every request through. A recording server stands for the services: it counts what reaches it.
 */
class DryRunHttpClientTest {

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(new DryRunHttpClient(UrlConnectionHttpClient.create()))
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build();
    }

    @Test
    void inTheDryRunEveryWriteIsAnsweredAndNothingReachesTheService() throws Exception {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder());
                SqsClient sqs = client(SqsClient.builder());
                SesV2Client ses = client(SesV2Client.builder());
                LambdaClient lambda = client(LambdaClient.builder())) {
            List<Object> answers = new ArrayList<>();
            DryRunSwitch.run(() -> {
                answers.add(dynamoDb.putItem(r -> r.tableName("events")
                        .item(Map.of("pk", AttributeValue.fromS("EVENT#x")))
                        .conditionExpression("attribute_not_exists(pk)")));
                answers.add(dynamoDb.getItem(r -> r.tableName("events").key(Map.of("pk", AttributeValue.fromS("x")))));
                answers.add(dynamoDb.transactWriteItems(r -> r.transactItems(t ->
                        t.put(p -> p.tableName("events").item(Map.of("pk", AttributeValue.fromS("x")))))));
                answers.add(sqs.sendMessage(r ->
                        r.queueUrl("http://127.0.0.1/000000000000/q").messageBody("{\"email\":\"é@example.org\"}")));
                answers.add(ses.sendEmail(r -> r.destination(d -> d.toAddresses("a@example.org"))
                        .content(c -> c.raw(raw -> raw.data(SdkBytes.fromUtf8String("Subject: x\r\n\r\nx"))))));
                answers.add(lambda.invoke(r -> r.functionName("mailer")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{}"))));
            });
            assertEquals(List.of(), received, "nothing reaches the service in the dry run");
            assertFalse(((software.amazon.awssdk.services.dynamodb.model.GetItemResponse) answers.get(1)).hasItem());
            assertEquals(
                    "dry-run",
                    ((software.amazon.awssdk.services.sqs.model.SendMessageResponse) answers.get(3)).messageId());
            assertEquals(
                    "dry-run",
                    ((software.amazon.awssdk.services.sesv2.model.SendEmailResponse) answers.get(4)).messageId());
            assertEquals(
                    202, ((software.amazon.awssdk.services.lambda.model.InvokeResponse) answers.get(5)).statusCode());

            // Outside the dry run, the same client sends.
            assertNull(dynamoDb.getItem(r -> r.tableName("events").key(Map.of("pk", AttributeValue.fromS("x"))))
                    .item()
                    .get("pk"));
            dynamoDb.putItem(r -> r.tableName("events").item(Map.of("pk", AttributeValue.fromS("EVENT#x"))));
            assertEquals(List.of("POST /", "POST /"), received);
        }
        assertFalse(DryRun.isOn());
    }

    @Test
    void cannedAnswersAreGivenInTurnAndAnErrorAnswerIsRaisedAsTheServiceWould() {
        try (DynamoDbClient dynamoDb = client(DynamoDbClient.builder())) {
            List<Object> answers = new ArrayList<>();
            DryRunSwitch.run(() -> DryRun.answeringInTurn(
                    Map.of(
                            "Query",
                            List.of("{\"Items\":[{\"pk\":{\"S\":\"first\"}}],\"Count\":1}", "{\"Count\":0}"),
                            "UpdateItem",
                            List.of(DryRun.CONDITIONAL_CHECK_FAILED)),
                    () -> {
                        for (int call = 0; call < 3; call++) {
                            answers.add(
                                    dynamoDb.query(r -> r.tableName("events")).count());
                        }
                        try {
                            dynamoDb.updateItem(r -> r.tableName("events")
                                    .key(Map.of("pk", AttributeValue.fromS("x")))
                                    .conditionExpression("attribute_exists(pk)"));
                        } catch (ConditionalCheckFailedException refused) {
                            answers.add(refused.statusCode() + " "
                                    + refused.awsErrorDetails().errorMessage());
                        }
                    }));
            assertEquals(List.of(1, 0, 0, "400 The conditional request failed"), answers);
            assertEquals(List.of(), received, "nothing reaches the service in the dry run");
        }
        assertFalse(DryRun.isOn());
    }

    @Test
    void theSwitchIsOffAgainWhenTheRehearsalFails() {
        try {
            DryRunSwitch.run(() -> {
                throw new IllegalStateException("a rehearsal that fails");
            });
        } catch (IllegalStateException expected) {
            // the switch is off all the same
        }
        assertFalse(DryRun.isOn());
    }
}
