package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.api.ManageMailingsApi;
import fr.nogentech.events.http.HttpRequest;
import fr.nogentech.events.mailing.TimeLeft;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The administrators' mailing and subscriber routes ({@code /admin/mailings/...}, {@code /admin/subscribers...}). A
 * send runs until a few seconds before the function's (and API Gateway's) time limit; the resume schedule goes on.
 */
public class ManageMailingsHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final long MARGIN_MILLIS = 5_000;

    @Inject
    ManageMailingsApi api;

    public ManageMailingsHandler() {
    }

    public ManageMailingsHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent request) {
        Integer remaining = getApplicationContext().findBean(Context.class)
                .map(Context::getRemainingTimeInMillis).orElse(null);
        return api.handle(HttpRequest.from(request), TimeLeft.until(remaining, 25_000, MARGIN_MILLIS));
    }
}
