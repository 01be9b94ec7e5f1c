package io.glass2glass.player.manifest;

/**
 * A manifest (HLS playlist or DASH MPD) that cannot be used: not a manifest at all, truncated,
 * missing a mandatory tag or attribute, holding a value of the wrong form, or over the
 * {@link ManifestLimits}. The message says what was wrong and, for HLS, on which line.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
