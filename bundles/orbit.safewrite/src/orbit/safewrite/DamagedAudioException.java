package orbit.safewrite;

import orbit.core.ActionableException;

/**
 * A tag write refused because the file's audio is damaged: tagging would hide the damage behind
 * fresh tags. The user may ask for it anyway ({@link TagWriter.DamagedAudio#TAG_ANYWAY}).
 */
public class DamagedAudioException extends ActionableException {

	private static final long serialVersionUID = 1L;

	private final transient AudioReport report;

	public DamagedAudioException(AudioReport report) {
		super(report.file() + " has damaged audio (" + report.detail() + "); no tag was written",
				"Check it with 'orbit verify'; to tag it anyway, give 'orbit tag' --force (the damage stays)");
		this.report = report;
	}

	/** What the check found. */
	public AudioReport report() {
		return report;
	}
}
