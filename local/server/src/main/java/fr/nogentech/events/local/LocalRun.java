package fr.nogentech.events.local;

import fr.nogentech.events.auth.AdminTokens;
import fr.nogentech.events.config.ConfigKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code make run}: moto on a free loopback port, the template's tables and queues, the seeds, and the development
 * server on {@code http://127.0.0.1:3000} ({@code PORT} to change). Ctrl-C stops it all.
 */
public final class LocalRun {

    /** Put before the logical id of each table and queue of the template to make its local name. */
    static final String LOCAL_NAME_PREFIX = "nogentech-local-";

    static final String LOCAL_ADMIN = "local-admin";

    private LocalRun() {}

    public static void main(String[] args) throws InterruptedException {
        Path root = ProjectRoot.find();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));

        MotoServer moto = MotoServer.start(root, root.resolve("target/moto-run.log"));
        LocalAws aws = LocalAws.at(moto.endpoint()).useAsSdkDefault();
        System.out.println("moto (local AWS) on " + aws.endpoint() + ", region " + aws.region());

        Map<String, String> references = new HashMap<>();
        try (DynamoDbClient dynamoDb = aws.dynamoDb()) {
            for (SamTemplate.Table table : template.tables()) {
                String name = LOCAL_NAME_PREFIX + table.logicalId();
                TemplateTables.create(dynamoDb, table, name);
                references.put(table.logicalId(), name);
            }
            String events = references.get("EventsTable");
            Seeds.Result seeded = Seeds.load(dynamoDb, events, root.resolve("seeds"));
            System.out.printf("table %s: %d seed events loaded%n", events, seeded.loaded());
        }
        try (SqsClient sqs = aws.sqs()) {
            references.putAll(TemplateQueues.create(sqs, template, LOCAL_NAME_PREFIX));
        }
        template.queues().forEach(queue -> System.out.println("queue " + references.get(queue.logicalId())));
        String adminToken = System.getenv("ADMIN_TOKEN");
        boolean generated = adminToken == null || adminToken.isBlank();
        if (generated) {
            adminToken = AdminTokens.newToken();
        }
        int sitePort = Integer.parseInt(System.getenv().getOrDefault("SITE_PORT", "8080"));
        URI site = URI.create("http://127.0.0.1:" + sitePort);
        references.putAll(
                parameters(AdminTokens.entry(LOCAL_ADMIN, adminToken), site, URI.create("http://127.0.0.1:" + port)));
        Path outbox = Path.of(System.getenv()
                .getOrDefault("OUTBOX_DIR", root.resolve("target/outbox").toString()));
        if (System.getenv("CURSOR_SECRET") != null) {
            references.put("CursorSecret", System.getenv("CURSOR_SECRET"));
        }

        DevServer server =
                DevServer.start(template, references, port, Map.of(ConfigKeys.OUTBOX_DIR, outbox.toString()));
        StaticSite website = StaticSite.start(root.resolve("examples/website"), server.baseUri(), sitePort);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            website.close();
                            server.close();
                            moto.close();
                        },
                        "local-run-stop"));
        System.out.println();
        server.routes()
                .forEach(route -> System.out.println("  " + route.key()
                        + (route.authorizer() == null
                                ? ""
                                : "   (administrators: Authorization: Bearer $ADMIN_TOKEN)")));
        System.out.println();
        if (generated) {
            System.out.println("Administrator token of this run (set ADMIN_TOKEN to choose your own):");
            System.out.println("  export ADMIN_TOKEN=" + adminToken);
        } else {
            System.out.println("Administrator token: the ADMIN_TOKEN of your environment (administrator \""
                    + LOCAL_ADMIN + "\").");
        }
        System.out.println("Serving the routes of template.yaml on " + server.baseUri() + " (Ctrl-C to stop). Try:");
        System.out.println("  curl '" + server.baseUri() + "/events?from=2023-09-01&to=2024-04-01'");
        System.out.println("  curl '" + server.baseUri() + "/feed.atom'");
        System.out.println("The example website (examples/website), on another origin: " + website.baseUri() + "/");
        System.out.println("The partners' agenda widget, as a partner's page embeds it: " + website.baseUri()
                + "/widget-demo.html");
        System.out.println("Lambda's Invoke API, for every function by logical id: POST " + server.baseUri()
                + "/2015-03-31/functions/NAME/invocations (AWS_ENDPOINT_URL_LAMBDA=" + server.baseUri() + ")");
        System.out.println("Emails go to " + outbox + " as .eml files (OUTBOX_DIR to change).");
        Thread.currentThread().join();
    }

    /**
     * The template's parameters for a local run: fresh keys, the given admin token hashes, the example website (at
     * {@code site}) as the event pages' home and the one origin allowed by CORS, the API's own address for the links
     * in emails, and no sending rate limit (the outbox has none).
     */
    static Map<String, String> parameters(String adminTokenHashes, URI site, URI api) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("CursorSecret", randomSecret());
        parameters.put("SubscriptionSecret", randomSecret());
        parameters.put("AdminTokenHashes", adminTokenHashes);
        parameters.put("EventPageUrl", site + "/#{id}");
        parameters.put("AllowedOrigins", site.toString());
        parameters.put("PublicApiUrl", api.toString());
        parameters.put("MailFrom", "Nogentech <annonces@nogentech.fr>");
        parameters.put("MailRatePerSecond", "0");
        // SES's configuration set has no local counterpart: the outbox keeps every email; its name is carried along.
        parameters.put("MailConfigurationSet", "local-mail");
        return parameters;
    }

    static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
