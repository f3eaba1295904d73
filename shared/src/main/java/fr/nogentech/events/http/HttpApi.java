package fr.nogentech.events.http;

/**
 * The routes of one function, as plain Java: a request in, a response out. A failure is thrown as a
 * {@link fr.nogentech.events.problem.ProblemException} (or any exception), and {@link HttpResponses#serve} turns it
 * into the problem response, in one place.
 */
@FunctionalInterface
public interface HttpApi {

    HttpResponse handle(HttpRequest request);
}
