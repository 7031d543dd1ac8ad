package orbit.core;

/**
 * A failure the user can act on: what went wrong and what to do about it. The command line
 * prints it as one line, without a stack trace; the workstation shows it in place.
 */
public class ActionableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String problem;
	private final String remedy;

	public ActionableException(String problem, String remedy) {
		this(problem, remedy, null);
	}

	public ActionableException(String problem, String remedy, Throwable cause) {
		super(problem + (remedy == null || remedy.isBlank() ? "" : ". " + remedy), cause);
		this.problem = problem;
		this.remedy = remedy;
	}

	/** What is wrong, in one sentence without a final full stop. */
	public String problem() {
		return problem;
	}

	/** What the user can do about it. */
	public String remedy() {
		return remedy;
	}
}
