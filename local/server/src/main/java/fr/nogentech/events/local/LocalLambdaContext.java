package fr.nogentech.events.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import fr.nogentech.events.lambda.InvocationContext;

import java.nio.charset.StandardCharsets;

/** The Lambda context of one in-process invocation by the development server. */
final class LocalLambdaContext extends InvocationContext {

    LocalLambdaContext(String requestId, String functionName, long timeoutMillis) {
        super(requestId, functionName, timeoutMillis);
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getInvokedFunctionArn() {
        return LocalFunction.arn(getFunctionName());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }

            @Override
            public void log(String message, LogLevel level) {
                System.out.println(level + " " + message);
            }
        };
    }
}
