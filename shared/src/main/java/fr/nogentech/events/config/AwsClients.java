package fr.nogentech.events.config;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;

/**
 * The one way the functions build an SDK client: the url-connection HTTP client and an explicit region keep start-up
 * short (no Apache or Netty, no region lookup chain), and every call has a time limit, well under a mailing claim's
 * two-minute lease, so that a call that hangs fails instead of outliving its claim. The endpoint comes from
 * {@code AWS_ENDPOINT_URL} (or a service's own) when set, as the SDK reads it. The HTTP client sends nothing while
 * priming's dry run is on ({@link DryRunHttpClient}).
 */
final class AwsClients {

    /** In every request's User-Agent: CloudTrail (and the tests, through SdkCalls) tell the product's calls apart. */
    static final String USER_AGENT_SUFFIX = "nogentech-events";

    private AwsClients() {}

    /**
     * @param callTimeout   the whole call, retries included
     * @param attemptTimeout one attempt
     */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, Duration callTimeout, Duration attemptTimeout) {
        return builder.httpClient(new DryRunHttpClient(UrlConnectionHttpClient.create()))
                .region(Region.of(SdkSystemSetting.AWS_REGION.getStringValueOrThrow()))
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout)
                        .apiCallAttemptTimeout(attemptTimeout)
                        .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX))
                .build();
    }
}
