import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one function as Lambda's Java runtime would, on nothing but the jars of its deployment package (the class path
 * of this JVM) and the environment it is given: the handler built with its no-arg constructor, each event file given
 * through handleRequest, then the priming that SnapStart's before-checkpoint hook runs. Each answer is printed on a
 * line of its own after "answer ", for PackagedFunctionsCheck to judge, then the time to the handler built and to the
 * first answer (from the handler's class lookup: JVM start and this file's compilation are not in it); any throwable
 * exits with code 1.
 *
 * <p>Launched as a single source file by local/server's PackagedFunctionsCheck: it uses the JDK and Lambda's own
 * interfaces (aws-lambda-java-core, in every package) only, so it brings no class the package lacks.
 *
 * <p>Usage: {@code java -cp 'lib/*' RunHandler.java <handler class> <event.json>...}
 */
public final class RunHandler {

    public static void main(String[] args) throws Exception {
        try {
            long start = System.nanoTime();
            Object handler = Class.forName(args[0]).getDeclaredConstructor().newInstance();
            long ready = System.nanoTime();
            long answered = ready;
            for (int i = 1; i < args.length; i++) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                try (InputStream event = Files.newInputStream(Path.of(args[i]))) {
                    ((RequestStreamHandler) handler).handleRequest(event, answer, new SmokeContext(args[0]));
                }
                if (i == 1) {
                    answered = System.nanoTime();
                }
                System.out.println("answer " + answer.toString(StandardCharsets.UTF_8).replace('\n', ' '));
            }
            // FunctionHandler.prime(): the read-only rehearsal that SnapStart's hook runs before the snapshot
            handler.getClass().getMethod("prime").invoke(handler);
            System.out.printf("timing ready %d ms, first answer %d ms%n", (ready - start) / 1_000_000,
                    (answered - start) / 1_000_000);
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            cause.printStackTrace();
            System.exit(1);
        }
    }

    private record SmokeContext(String handler) implements Context {
        public String getAwsRequestId() { return "package-check"; }
        public String getLogGroupName() { return "package-check"; }
        public String getLogStreamName() { return "package-check"; }
        public String getFunctionName() { return handler.substring(handler.lastIndexOf('.') + 1); }
        public String getFunctionVersion() { return "1"; }
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-3:000000000000:function:" + getFunctionName();
        }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 60_000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.err.println(message); }
                public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
