package fr.nogentech.events.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * A Lambda context for invocations that Lambda's runtime does not make: priming before the snapshot, the tests, the
 * development server. It names the request and the function, and counts down the time given.
 */
public class InvocationContext implements Context {

    private final String requestId;
    private final String functionName;
    private final long deadline;

    public InvocationContext(String requestId, String functionName, long timeoutMillis) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.deadline = System.currentTimeMillis() + timeoutMillis;
    }

    /** Priming's context: the function Lambda is initialising, and a minute. */
    static InvocationContext priming() {
        return new InvocationContext("priming", System.getenv("AWS_LAMBDA_FUNCTION_NAME"), 60_000);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 0;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
