package io.glass2glass.player;

/**
 * The outcome of one {@link PlayerAction.Fetch}.
 *
 * @param status HTTP status, or 0 when the request failed without one (connection refused, timeout)
 * @param body the text for manifests (null otherwise or on failure)
 * @param bytes body bytes received
 * @param startedMillis when the request was sent
 * @param finishedMillis when the last byte arrived
 */
public record PlayerResponse(int status, String body, long bytes, long startedMillis, long finishedMillis) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public static PlayerResponse failed(long startedMillis, long finishedMillis) {
        return new PlayerResponse(0, null, 0, startedMillis, finishedMillis);
    }
}
