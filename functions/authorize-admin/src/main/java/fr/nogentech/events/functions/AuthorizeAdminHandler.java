package fr.nogentech.events.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import fr.nogentech.events.auth.AdminAuthorizer;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/** The Lambda authorizer of the administration routes (HTTP API, payload 2.0, simple responses). */
public class AuthorizeAdminHandler
        extends MicronautRequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>>
        // named again for AWS's SnapStart rules (mvn verify): they check only classes that name it themselves
        implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {

    @Inject
    AdminAuthorizer authorizer;

    public AuthorizeAdminHandler() {
    }

    public AuthorizeAdminHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(APIGatewayV2CustomAuthorizerEvent request) {
        return authorizer.authorize(request.getHeaders(), request.getRouteKey());
    }
}
