package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.nogentech.events.api.CalendarApi;
import fr.nogentech.events.http.HttpRequest;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * {@code GET /calendar.ics} and {@code GET /events/{id}/calendar.ics}: the only function that carries ical4j.
 */
public class GetCalendarHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    CalendarApi api;

    public GetCalendarHandler() {
    }

    public GetCalendarHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent request) {
        HttpRequest http = HttpRequest.from(request);
        return http.pathParameters().containsKey("id") ? api.event(http) : api.feed(http);
    }
}
