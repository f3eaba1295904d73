package fr.nogentech.events.local;

import com.sun.net.httpserver.HttpServer;
import fr.nogentech.events.http.HttpResponses;
import fr.nogentech.events.json.Json;
import fr.nogentech.events.problem.Problem;
import fr.nogentech.events.problem.ProblemType;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.spi.DelegatingThreadPool;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The development server's HTTP layer: the JDK's {@code com.sun.net.httpserver} API, served by Jetty. The JDK's own
 * server answers a URL it cannot parse ({@code /events?from=%}) with an HTML page naming a Java exception, before any
 * handler runs; Jetty lets such a URL reach the handler, and the rest of its refusals are answered here as problem
 * details, as the API answers every bad request.
 */
final class LocalHttpServer {

    private LocalHttpServer() {
    }

    /**
     * A server on {@code address}; port 0 takes a free one now, since Jetty opens its port only when it starts and
     * the functions must know it before (to call Lambda's Invoke API here).
     */
    static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (address.getPort() == 0) {
            try (ServerSocket free = new ServerSocket(0, 1, address.getAddress())) {
                address = new InetSocketAddress(address.getAddress(), free.getLocalPort());
            }
        }
        Server server = new Server(new DelegatingThreadPool(new QueuedThreadPool()));
        server.setHandler(new ContextHandlerCollection(true, new ContextHandler[0]));
        server.setErrorHandler(new ProblemErrors());
        HttpConfiguration configuration = new HttpConfiguration();
        // Every URL reaches the server as sent ("%2540" included); PercentDecoding decodes it once, as API Gateway.
        configuration.setUriCompliance(UriCompliance.UNSAFE);
        JettyHttpServer http = new JettyHttpServer(server, false, configuration);
        http.bind(address, backlog);
        return http;
    }

    /** What Jetty refuses before a handler (a path that cannot be decoded, a header too large), as a problem. */
    private static final class ProblemErrors extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) {
            String body;
            if (code == 400) {
                var answer = HttpResponses.problem(Problem.of(ProblemType.MALFORMED_URL, "The request cannot be "
                        + "read: its URL holds a '%' not followed by two hexadecimal digits, bytes that are not UTF-8 "
                        + "once decoded, or a character a URL cannot hold. Percent-encode it."));
                body = answer.getBody();
            } else {
                // RFC 9457's about:blank: the status says it all (431 headers too large, 505 version...).
                body = Json.write(Json.object().put("type", "about:blank").put("title", HttpStatus.getMessage(code))
                        .put("status", code).put("detail", "The request cannot be served as sent."));
            }
            response.setStatus(code);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
