package fr.nogentech.events.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static fr.nogentech.events.local.SamTemplate.list;
import static fr.nogentech.events.local.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an AWS reviewer asks of template.yaml before production, kept from silently going away: Java 25, JSON logs
 * with a retention, limits at the door, alarms, kept data and narrow rights, rotatable secrets.
 */
class TemplateProductionTest {

    private final SamTemplate template = ProjectRoot.template();

    @Test
    void functionsRunJava25AndLogJsonIntoAGroupWithARetention() {
        Map<String, Object> globals = template.functionGlobals();
        assertEquals("java25", globals.get("Runtime"));
        Map<String, Object> logging = map(globals.get("LoggingConfig"));
        assertEquals("JSON", logging.get("LogFormat"));
        assertNotNull(logging.get("ApplicationLogLevel"));
        assertNotNull(logging.get("SystemLogLevel"));
        String group = (String) map(logging.get("LogGroup")).get("Ref");
        assertEquals("AWS::Logs::LogGroup", template.resource(group).get("Type"), "LogGroup: " + group);
        Map<String, Map<String, Object>> groups = template.resources("AWS::Logs::LogGroup");
        assertTrue(groups.size() >= 2, "the functions' and the API's log groups");
        groups.forEach((id, resource) ->
                assertNotNull(map(resource.get("Properties")).get("RetentionInDays"), id + " keeps its logs forever"));
    }

    @Test
    void theApiThrottlesAtTheDoorAndTighterOnMailAndAdministration() {
        Map<String, Object> api = httpApiProperties();
        double defaultRate = number(map(api.get("DefaultRouteSettings")).get("ThrottlingRateLimit"));
        assertTrue(defaultRate > 0);
        List<String> limited = new ArrayList<>();
        template.resources("AWS::Serverless::Function")
                .forEach((id, function) -> map(map(function.get("Properties")).get("Events"))
                        .forEach((name, event) -> {
                            Map<String, Object> properties = map(map(event).get("Properties"));
                            if (!"HttpApi".equals(map(event).get("Type"))) {
                                return;
                            }
                            String route = properties.get("Method") + " " + properties.get("Path");
                            boolean admin =
                                    !"NONE".equals(map(properties.get("Auth")).get("Authorizer"));
                            if (admin || route.equals("POST /subscriptions")) {
                                Object rate =
                                        map(properties.get("RouteSettings")).get("ThrottlingRateLimit");
                                assertNotNull(rate, route + " has no route throttling");
                                assertTrue(number(rate) < defaultRate, route + " is not tighter than the default");
                                limited.add(route);
                            }
                        }));
        assertTrue(limited.contains("POST /subscriptions"), limited.toString());
        assertTrue(limited.contains("DELETE /events/{id}"), limited.toString());
    }

    @Test
    void accessLogsSayWhatAndHowLongButNeverTheQueryString() {
        Map<String, Object> access = map(httpApiProperties().get("AccessLogSettings"));
        String group = String.valueOf(map(access.get("DestinationArn")).get("Fn::GetAtt"))
                .split("\\.")[0];
        assertEquals("AWS::Logs::LogGroup", template.resource(group).get("Type"));
        String format = String.valueOf(access.get("Format"));
        for (String field :
                List.of("$context.requestId", "$context.routeKey", "$context.status", "$context.responseLatency")) {
            assertTrue(format.contains(field), "the access log lacks " + field);
        }
        for (String leak : List.of("querystring", "$context.path", "$input", "header", "$context.identity")) {
            assertFalse(format.toLowerCase().contains(leak.toLowerCase()), "the access log holds " + leak);
        }
    }

    @Test
    void alarmsReachTheTopicAndWatchEveryFunctionTheDeadLettersAndFailedMailings() {
        Map<String, Object> topic = map(template.resource("AlarmTopic").get("Properties"));
        assertTrue(topic.get("Subscription").toString().contains("AlarmEmail"), "the topic mails AlarmEmail");
        Map<String, Map<String, Object>> alarms = template.resources("AWS::CloudWatch::Alarm");
        alarms.forEach((id, alarm) -> assertTrue(
                map(alarm.get("Properties")).get("AlarmActions").toString().contains("AlarmTopic"),
                id + " notifies no one"));

        Set<String> functions = template.functions().stream()
                .map(SamTemplate.Function::logicalId)
                .collect(Collectors.toSet());
        for (String metric : List.of("Errors", "Throttles")) {
            Set<String> watched = new java.util.HashSet<>();
            alarms.values().stream()
                    .map(a -> map(a.get("Properties")))
                    .filter(p -> p.toString().contains("MetricName=" + metric + ","))
                    .forEach(alarm -> {
                        List<Object> metrics = list(alarm.get("Metrics"));
                        assertTrue(metrics.size() <= 11, "CloudWatch takes 10 metrics an alarm: split it");
                        metrics.stream()
                                .map(m -> map(map(map(m).get("MetricStat")).get("Metric")))
                                .filter(m -> !m.isEmpty())
                                .map(m -> String.valueOf(
                                        map(map(list(m.get("Dimensions")).get(0))
                                                        .get("Value"))
                                                .get("Ref")))
                                .forEach(watched::add);
                    });
            assertEquals(functions, watched, metric + ": every function, and only functions");
        }

        // Every queue that holds what failed for good is watched.
        template.resources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.endsWith("DeadLetterQueue"))
                .forEach(queue -> assertTrue(
                        alarms.values().stream()
                                .anyMatch(a -> a.toString().contains("ApproximateNumberOfMessagesVisible")
                                        && a.toString().contains(queue)),
                        "no alarm on " + queue));
        Map<String, Map<String, Object>> filters = template.resources("AWS::Logs::MetricFilter");
        Map<String, Object> failures = filters.values().stream()
                .map(f -> map(f.get("Properties")))
                .filter(p -> String.valueOf(p.get("FilterPattern")).contains("mailing finished"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no metric of failed mailings"));
        assertTrue(String.valueOf(failures.get("FilterPattern")).contains("$.failed > 0"));
        String metricName = String.valueOf(
                map(list(failures.get("MetricTransformations")).get(0)).get("MetricName"));
        assertTrue(
                alarms.values().stream()
                        .anyMatch(
                                a -> metricName.equals(map(a.get("Properties")).get("MetricName"))),
                "no alarm on " + metricName);
    }

    @Test
    void theTableIsKeptAndTheMailingHasDeadLettersAndStackUniqueSchedules() {
        SamTemplate.Table table = template.tables().get(0);
        assertEquals(true, table.properties().get("DeletionProtectionEnabled"));
        assertEquals(
                true,
                map(table.properties().get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"));
        assertEquals("Retain", template.resource(table.logicalId()).get("DeletionPolicy"));

        Map<String, Object> mailer =
                map(template.resource("SendMailingFunction").get("Properties"));
        assertTrue(
                map(mailer.get("DeadLetterQueue")).get("TargetArn").toString().contains("MailingDeadLetterQueue"));
        assertEquals(1, mailer.get("ReservedConcurrentExecutions"), "one mailer at a time");
        int schedules = 0;
        for (Object event : map(mailer.get("Events")).values()) {
            Map<String, Object> properties = map(map(event).get("Properties"));
            if ("ScheduleV2".equals(map(event).get("Type"))) {
                schedules++;
                assertTrue(properties.get("Name").toString().contains("AWS::StackName"), properties.toString());
                assertTrue(properties.get("DeadLetterConfig").toString().contains("MailingDeadLetterQueue"));
            }
        }
        assertEquals(2, schedules, "the monthly schedule and the resume schedule");
    }

    @Test
    void everyStatementIsNarrowMailGoesAsOneIdentityAndItemsByTheirKeys() {
        int statements = 0;
        int policies = 0;
        Set<String> withoutPolicy = new java.util.TreeSet<>();
        for (SamTemplate.Function function : template.functions()) {
            boolean sendsMail = function.environment().containsKey("MAIL_FROM");
            boolean canSend = false;
            if (function.policies().isEmpty()) {
                withoutPolicy.add(function.logicalId());
            }
            for (Object policy : function.policies()) {
                policies++;
                for (Map<String, Object> statement : statements(function.logicalId(), policy)) {
                    statements++;
                    for (Object action : actions(statement)) {
                        assertFalse(String.valueOf(action).contains("*"), function.logicalId() + ": " + action);
                    }
                    String resource = String.valueOf(statement.get("Resource"));
                    assertFalse(resource.contains("identity/*"), function.logicalId() + ": " + resource);
                    canSend |= actions(statement).contains("ses:SendRawEmail");
                    if (resource.equals("{Fn::GetAtt=EventsTable.Arn}")) {
                        assertTrue(
                                map(map(statement.get("Condition")).get("ForAllValues:StringLike"))
                                        .containsKey("dynamodb:LeadingKeys"),
                                function.logicalId() + ": an item statement without dynamodb:LeadingKeys");
                    }
                }
            }
            assertEquals(sendsMail, canSend, function.logicalId() + ": may send mail if and only if it does");
            if (sendsMail) {
                assertTrue(
                        function.environment().containsKey("MAIL_CONFIGURATION_SET"),
                        function.logicalId()
                                + " sends without the configuration set that reports bounces and complaints");
            }
        }
        // Known numbers, so that a policy read as none (SAM takes one policy, a managed policy's name say, without
        // a list) cannot make the loop above run on nothing: the authorizer alone calls no AWS service, and the
        // thirteen other functions have eighteen policies between them (five have SendMailPolicy beside their own).
        assertEquals(Set.of("AuthorizeAdminFunction"), withoutPolicy, "functions with no policy");
        assertEquals(18, policies, "policies checked (a policy added or removed: update this count)");
        assertTrue(statements >= policies, "the policy checks ran on " + statements + " statements");
        assertTrue(template.resource("SendMailPolicy").toString().contains("identity/${MailIdentity}"));
    }

    @Test
    void aPolicyWrittenAloneIsReadAsOnePolicyAndOneTheTestsCannotReadFailsByName(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("template.yaml");
        Files.writeString(yaml, """
                Resources:
                  ByName:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.Handler::handleRequest
                      Policies: AWSLambdaBasicExecutionRole
                  OneDocument:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: b.Handler::handleRequest
                      Policies:
                        Statement:
                          - Effect: Allow
                            Action: sqs:SendMessage
                            Resource: "*"
                  ByArnInAList:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: c.Handler::handleRequest
                      Policies:
                        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
                  None:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: d.Handler::handleRequest
                """);
        SamTemplate written = SamTemplate.load(yaml);
        Map<String, List<Object>> policies = written.functions().stream()
                .collect(Collectors.toMap(SamTemplate.Function::logicalId, SamTemplate.Function::policies));
        assertEquals(List.of("AWSLambdaBasicExecutionRole"), policies.get("ByName"));
        assertEquals(1, policies.get("OneDocument").size());
        assertEquals(List.of("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"), policies.get("ByArnInAList"));
        assertEquals(List.of(), policies.get("None"));

        assertEquals(Set.of("sqs:SendMessage"), TemplatePermissions.granted(written, "OneDocument"));
        Map<String, String> unreadable = Map.of(
                "ByName",
                "AWSLambdaBasicExecutionRole",
                "ByArnInAList",
                "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess");
        unreadable.forEach((function, policy) -> {
            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> TemplatePermissions.granted(written, function));
            assertTrue(e.getMessage().contains(function) && e.getMessage().contains(policy), e.getMessage());
        });
        assertThrows(
                AssertionError.class,
                () -> statements("ByName", policies.get("ByName").get(0)));
    }

    @Test
    void everySecretHasItsPreviousKeyBesideIt() {
        for (SamTemplate.Function function : template.functions()) {
            for (String secret : List.of("CURSOR", "SUBSCRIPTION")) {
                assertEquals(
                        function.environment().containsKey(secret + "_SECRET"),
                        function.environment().containsKey(secret + "_PREVIOUS_SECRET"),
                        function.logicalId() + ": " + secret + "_SECRET without its previous key, or the reverse");
            }
        }
    }

    /** A policy's statements: written in place, or those of a managed policy resource of the template. */
    private List<Map<String, Object>> statements(String function, Object policy) {
        Map<String, Object> document;
        if (policy instanceof Map<?, ?> written && written.containsKey("Statement")) {
            document = map(written);
        } else if (policy instanceof Map<?, ?> reference && reference.containsKey("Ref")) {
            Map<String, Object> resource = template.resource(String.valueOf(reference.get("Ref")));
            assertEquals("AWS::IAM::ManagedPolicy", resource.get("Type"), function + ": " + policy);
            document = map(map(resource.get("Properties")).get("PolicyDocument"));
        } else {
            throw new AssertionError(
                    function + ": use explicit statements or a policy of this template, not " + policy);
        }
        List<Map<String, Object>> statements =
                list(document.get("Statement")).stream().map(SamTemplate::map).toList();
        assertFalse(statements.isEmpty(), function + ": a policy without statements");
        return statements;
    }

    private static List<Object> actions(Map<String, Object> statement) {
        Object actions = statement.get("Action");
        return actions instanceof List<?> ? list(actions) : List.of(actions);
    }

    private Map<String, Object> httpApiProperties() {
        return map(template.resources("AWS::Serverless::HttpApi")
                .values()
                .iterator()
                .next()
                .get("Properties"));
    }

    private static double number(Object value) {
        return Double.parseDouble(String.valueOf(value));
    }
}
