package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.api.SubscriptionsApi;
import fr.nogentech.events.http.HttpRequest;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** {@code POST /subscriptions}, {@code GET /subscriptions/confirm}, {@code GET|POST /subscriptions/unsubscribe}. */
public class SubscriptionsHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    SubscriptionsApi api;

    public SubscriptionsHandler() {
    }

    public SubscriptionsHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent request) {
        return api.handle(HttpRequest.from(request));
    }
}
