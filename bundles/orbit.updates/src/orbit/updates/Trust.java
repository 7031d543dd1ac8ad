package orbit.updates;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The user's answer when what is about to be installed is not vouched for: artifacts that are not
 * signed, or signed by a key the installation does not trust (the keys that signed the installation
 * itself, and those the user chose to trust always, are trusted). Nothing is trusted silently: an
 * operation that meets such content asks its {@code Trust}, and a refusal installs nothing.
 */
@ConsumerType
@FunctionalInterface
public interface Trust {

	/** What to do with untrusted content. */
	enum Answer {
		/** Install nothing. */
		REFUSE,
		/** Install it this once. */
		TRUST_ONCE,
		/** Install it, and trust its signers from now on (unsigned content is never trusted for good). */
		TRUST_ALWAYS
	}

	/** Refuses whatever is not vouched for: the command line without {@code --trust}. */
	Trust REFUSE = untrusted -> Answer.REFUSE;

	/** Installs what is not vouched for, this once: the command line's {@code --trust}. */
	Trust ONCE = untrusted -> Answer.TRUST_ONCE;

	/** Called, on the thread that installs, before anything untrusted is installed. */
	Answer ask(UntrustedContent untrusted);
}
