package fr.nogentech.events.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/** An AWS-compatible endpoint on this machine (moto, or LocalStack where Docker runs), with dummy credentials. */
public record LocalAws(URI endpoint, String region, String accessKeyId, String secretAccessKey) {

    public static final String REGION = "eu-west-3";

    public static LocalAws at(URI endpoint) {
        return new LocalAws(endpoint, REGION, "testing", "testing");
    }

    /**
     * Makes this endpoint the SDK's default for this JVM, through the SDK's standard settings (the system-property
     * twins of {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} and the credentials): code under test builds its clients
     * as it does in Lambda, with no branch for local use. Once for the JVM ({@link TestStack#moto()} does it for the
     * tests), never to switch endpoints during a run: clients built before and after would disagree. A test that
     * needs a service out of reach redirects its calls ({@link SdkCalls#redirect}) instead.
     */
    public LocalAws useAsSdkDefault() {
        System.setProperty("aws.endpointUrl", endpoint.toString());
        System.setProperty("aws.region", region);
        System.setProperty("aws.accessKeyId", accessKeyId);
        System.setProperty("aws.secretAccessKey", secretAccessKey);
        return this;
    }

    public DynamoDbClient dynamoDb() {
        return client(DynamoDbClient.builder());
    }

    public SqsClient sqs() {
        return client(SqsClient.builder());
    }

    public SesV2Client ses() {
        return client(SesV2Client.builder());
    }

    /** A client of any service on this endpoint, with its region and credentials. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .build();
    }
}
