package fr.nogentech.events.local;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Gives DynamoDB calls on moto the atomicity DynamoDB gives them: a conditional write checks and writes as one step,
 * and a transaction is isolated. moto does neither under concurrent requests: two conditional writes can both pass
 * one condition, and a transaction whose condition fails puts back a copy of the table taken when it began, undoing
 * what other requests wrote meanwhile. Tests of concurrent writers register this interceptor (on a client, or for
 * every client of the JVM through {@code software/amazon/awssdk/global/handlers/execution.interceptors}): a
 * conditional write or a transaction runs alone, other calls run together. What the requests check is unchanged, so a
 * race in the code under test still shows.
 */
public final class MotoIsolation implements ExecutionInterceptor {

    /** One for the JVM: every client reaches the same moto. */
    private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

    private static final ExecutionAttribute<Lock> HELD = new ExecutionAttribute<>("moto-isolation");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof DynamoDbRequest)) {
            // Only DynamoDB's calls: an SQS long poll or a Lambda invocation must not hold up anyone.
            return;
        }
        Lock taken = alone(context.request()) ? LOCK.writeLock() : LOCK.readLock();
        taken.lock();
        attributes.putAttribute(HELD, taken);
    }

    private static boolean alone(SdkRequest request) {
        return request instanceof TransactWriteItemsRequest
                || request instanceof PutItemRequest put && put.conditionExpression() != null
                || request instanceof UpdateItemRequest update && update.conditionExpression() != null
                || request instanceof DeleteItemRequest delete && delete.conditionExpression() != null;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private static void release(ExecutionAttributes attributes) {
        Lock held = attributes.getAttribute(HELD);
        if (held != null) {
            attributes.putAttribute(HELD, null);
            held.unlock();
        }
    }
}
