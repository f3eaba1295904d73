package fr.nogentech.events.local;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The local AWS of the test suites: moto, started once per test JVM, and LocalStack in a container where a Docker
 * engine runs. Each test class takes a table and queues of its own, created from {@code template.yaml}.
 */
public final class TestStack {

    /** Pinned so that a LocalStack release cannot change what the suite tests. */
    public static final DockerImageName LOCALSTACK_IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

    private static LocalAws moto;
    private static LocalAws localStack;

    private TestStack() {}

    /**
     * moto, also made the SDK's default endpoint in this JVM so that handlers reach it as they reach AWS: the one
     * place the tests set the SDK's system properties, once for the JVM, the first time a test asks, and never after.
     */
    public static synchronized LocalAws moto() {
        if (moto == null) {
            Path root = ProjectRoot.find();
            MotoServer server = MotoServer.start(
                    root,
                    root.resolve("target/moto-test-" + ProcessHandle.current().pid() + ".log"));
            moto = LocalAws.at(server.endpoint()).useAsSdkDefault();
        }
        return moto;
    }

    /** LocalStack in Docker, for test classes marked {@link RequiresDocker}. */
    @SuppressWarnings("resource")
    public static synchronized LocalAws localStack() {
        if (localStack == null) {
            LocalStackContainer container =
                    new LocalStackContainer(LOCALSTACK_IMAGE).withServices(LocalStackContainer.Service.DYNAMODB);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
            localStack = new LocalAws(
                    container.getEndpoint(), container.getRegion(), container.getAccessKey(), container.getSecretKey());
        }
        return localStack;
    }

    /** A new, empty events table made from the template, named for the test that uses it. */
    public static String newEventsTable(LocalAws aws, String purpose) {
        return eventsTable(
                aws, "events-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The events table of that very name, made from the template unless it is there already: for a name the test
     * does not choose, such as the one a test JVM's environment gives the functions.
     */
    public static String eventsTable(LocalAws aws, String name) {
        SamTemplate.Table table = ProjectRoot.template().tables().stream()
                .filter(t -> t.logicalId().equals("EventsTable"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml declares no EventsTable"));
        try (var dynamoDb = aws.dynamoDb()) {
            TemplateTables.create(dynamoDb, table, name);
        }
        return name;
    }

    /** New, empty queues made from the template's, named for the test: their references, as TemplateQueues gives. */
    public static Map<String, String> newQueues(LocalAws aws, String purpose) {
        return newQueues(aws, ProjectRoot.template(), purpose);
    }

    /** As {@link #newQueues(LocalAws, String)}, from another template (a test's own). */
    public static Map<String, String> newQueues(LocalAws aws, SamTemplate template, String purpose) {
        String prefix = "test-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (var sqs = aws.sqs()) {
            return TemplateQueues.create(sqs, template, prefix);
        }
    }
}
