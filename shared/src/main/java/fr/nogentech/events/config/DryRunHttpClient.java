package fr.nogentech.events.config;

import com.fasterxml.jackson.databind.JsonNode;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.lambda.DryRun;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The functions' HTTP client, which sends nothing while priming's dry run is on ({@link DryRun}).
 *
 * <p>Why: under SnapStart, a write's first call after a restore would otherwise load and link its marshaller, the
 * signer's path, the HTTP client's request building and the response's parser on the user's time, and a write cannot
 * be primed for real (priming must change nothing). In the dry run, each request is built by the real client (not
 * sent: url-connection connects only when called) and answered here with a canned success, so that the SDK runs its
 * whole path and nothing leaves the process: {@code 200 {}} for the JSON protocols (DynamoDB, SQS, Lambda, SES v2),
 * with a {@code MessageId} for SES's {@code SendEmail} and SQS's {@code SendMessage} (and the body's MD5, which the SQS
 * client checks), {@code 202} for an asynchronous Lambda {@code Invoke}, and what the rehearsal asked for where it
 * needs an item to be found ({@link DryRun#answering}), or a service's error with {@code 400} where the real request
 * ends in one ({@link DryRun#failure}: a condition that does not hold). Outside the dry run it costs one
 * volatile read and hands every request to the real client unchanged.
 */
final class DryRunHttpClient implements SdkHttpClient {

    private final SdkHttpClient real;

    DryRunHttpClient(SdkHttpClient real) {
        this.real = real;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!DryRun.isOn()) {
            return real.prepareRequest(request);
        }
        // Built by the real client as any request is (url-connection opens no connection until it is called).
        ExecutableHttpRequest built = real.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = readBody(request);
                return canned(request.httpRequest(), body);
            }

            @Override
            public void abort() {
                built.abort();
            }
        };
    }

    private static byte[] readBody(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return new byte[0];
        }
        try (InputStream content = request.contentStreamProvider().get().newStream()) {
            return content.readAllBytes();
        }
    }

    /** A successful answer to {@code request}, as the service would give it for the calls the functions make. */
    static HttpExecuteResponse canned(SdkHttpRequest request, byte[] requestBody) {
        int status = 200;
        String body = "{}";
        String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
        String path = request.encodedPath();
        String answer = DryRun.answer(target.substring(target.indexOf('.') + 1));
        if (answer != null) {
            body = answer;
            if (DryRun.isFailure(answer)) {
                status = 400;
            }
        } else if (target.equals("AmazonSQS.SendMessage")) {
            JsonNode sent = readJson(requestBody);
            body = Json.object()
                    .put("MessageId", "dry-run")
                    .put("MD5OfMessageBody", md5Hex(sent.path("MessageBody").asText("")))
                    .toString();
        } else if (path.endsWith("/v2/email/outbound-emails")) {
            body = "{\"MessageId\":\"dry-run\"}";
        } else if (path.endsWith("/invocations")
                && request.firstMatchingHeader("X-Amz-Invocation-Type")
                        .filter("Event"::equals)
                        .isPresent()) {
            status = 202;
            body = "";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullResponse response = SdkHttpFullResponse.builder()
                .statusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .putHeader("x-amzn-RequestId", "dry-run")
                .build();
        return HttpExecuteResponse.builder()
                .response(response)
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    /** What SQS answers as the body's digest, and the SQS client checks. */
    private static String md5Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String clientName() {
        return real.clientName();
    }

    @Override
    public void close() {
        real.close();
    }
}
