package fr.nogentech.events.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.api.ListEventsApi;
import fr.nogentech.events.query.EventQueryParser;
import fr.nogentech.events.query.PageCursor;
import fr.nogentech.events.functions.GetCalendarHandler;
import fr.nogentech.events.functions.GetEventHandler;
import fr.nogentech.events.functions.ListEventsHandler;
import fr.nogentech.events.functions.SubscriptionsHandler;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.store.EventStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBench}: builds a handler as Lambda would, answers one
 * request, and prints when each phase ended (epoch milliseconds) and how many classes were loaded.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        String variant = args[0];
        long initialized;
        int status;
        switch (variant) {
            case "bare-jvm" -> {
                initialized = System.currentTimeMillis();
                status = 200;
            }
            case "micronaut-empty-context" -> {
                // What the handler's Micronaut context costs by itself: Lambda's builder settings, and no
                // configuration, so that none of the project's beans is created.
                try (ApplicationContext context = new LambdaApplicationContextBuilder().start()) {
                    initialized = System.currentTimeMillis();
                    status = context.isRunning() ? 200 : 500;
                }
            }
            case "plain-java" -> {
                // The same domain and store as ListEventsHandler, wired by hand, without Micronaut.
                DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                        .build();
                ListEventsApi api = new ListEventsApi(new EventStore(dynamoDb, System.getenv("EVENTS_TABLE"),
                        Clock.systemUTC()), new EventQueryParser(new PageCursor(System.getenv("CURSOR_SECRET"))),
                        Clock.systemUTC());
                initialized = System.currentTimeMillis();
                status = api.list(new HttpRequest("GET /events", Map.of(), listQuery(), Map.of(), null, null))
                        .getStatusCode();
            }
            case "micronaut-list-events" -> {
                ListEventsHandler handler = new ListEventsHandler();
                initialized = System.currentTimeMillis();
                APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
                event.setQueryStringParameters(listQuery());
                APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
                status = response.getStatusCode();
            }
            case "micronaut-get-event" -> {
                GetEventHandler handler = new GetEventHandler();
                initialized = System.currentTimeMillis();
                APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
                event.setPathParameters(Map.of("id", System.getenv("BENCH_EVENT_ID")));
                status = handler.handleRequest(event, null).getStatusCode();
            }
            case "micronaut-calendar" -> {
                GetCalendarHandler handler = new GetCalendarHandler();
                initialized = System.currentTimeMillis();
                APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
                event.setQueryStringParameters(Map.of("series", "rencontres-du-jeudi"));
                status = handler.handleRequest(event, null).getStatusCode();
            }
            case "micronaut-subscriptions" -> {
                SubscriptionsHandler handler = new SubscriptionsHandler();
                initialized = System.currentTimeMillis();
                APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
                event.setRouteKey("POST /subscriptions");
                event.setHeaders(Map.of("content-type", "application/json"));
                event.setBody("{\"email\": \"bench-" + System.nanoTime() + "@example.org\"}");
                int accepted = handler.handleRequest(event, null).getStatusCode();
                status = accepted == 202 ? 200 : accepted;
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        long answered = System.currentTimeMillis();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.println("PROBE " + initialized + " " + answered + " " + classes + " " + status);
        System.exit(0);
    }

    private static Map<String, String> listQuery() {
        return Map.of("from", "2023-01-01", "limit", "20");
    }
}
