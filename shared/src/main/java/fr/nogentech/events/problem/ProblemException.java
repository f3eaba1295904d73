package fr.nogentech.events.problem;

/** Thrown where a request cannot be served; the HTTP layer turns it into a problem response. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
