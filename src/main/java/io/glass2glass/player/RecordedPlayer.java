package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.PlayerQoe;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.qoe.QoeTimeline;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One player's events, recorded where a run keeps them: the run's {@link QoeRecorders} and those of
 * the player's cohorts (each gets every value, so a cohort's figures are those of a run of that
 * cohort alone), and the run's {@link QoeTimeline}. Start-up time is recorded when the player starts,
 * so the interval logs place it in that interval.
 */
public final class RecordedPlayer implements PlayerEvents {

    private final List<QoeRecorders> recorders;
    private final QoeTimeline.Viewer viewer;
    private final LongConsumer onDiscontinuity;
    private final Runnable onEnd;
    private boolean startupRecorded;

    /**
     * @param recorders       the run's recorders first, then the player's cohorts'
     * @param viewer          the player's handle in the run's timeline
     * @param onDiscontinuity told when the player buffered a discontinuity (for the run's events)
     * @param onEnd           told once, after the player's QoE is recorded
     */
    public RecordedPlayer(List<QoeRecorders> recorders, QoeTimeline.Viewer viewer, LongConsumer onDiscontinuity, Runnable onEnd) {
        this.recorders = List.copyOf(recorders);
        this.viewer = viewer;
        this.onDiscontinuity = onDiscontinuity;
        this.onEnd = onEnd;
    }

    @Override
    public void onRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long scheduleSkewMillis) {
        for (QoeRecorders r : recorders) {
            r.recordRequest(kind, status, latencyMillis, bytes, scheduleSkewMillis);
        }
        viewer.request(kind, status, bytes);
    }

    @Override
    public void onLiveLatency(long millis) {
        for (QoeRecorders r : recorders) {
            r.recordLiveLatency(millis);
        }
    }

    @Override
    public void onStarted(long startupMillis) {
        if (startupMillis >= 0) {
            for (QoeRecorders r : recorders) {
                r.recordStartup(startupMillis);
            }
            startupRecorded = true;
        }
        viewer.started();
    }

    @Override
    public void onStallBegan(long atMillis) {
        viewer.stallBegan(atMillis);
    }

    @Override
    public void onStallEnded(long begunMillis, long endedMillis) {
        viewer.stallEnded(begunMillis, endedMillis);
    }

    @Override
    public void onRenditionPlayed(String from, String to, long atMillis) {
        viewer.renditionPlayed(from, to);
    }

    @Override
    public void onDiscontinuity(long atMillis) {
        viewer.discontinuity();
        onDiscontinuity.accept(atMillis);
    }

    @Override
    public void onEnd(PlayerQoe qoe) {
        for (QoeRecorders r : recorders) {
            r.recordPlayer(qoe, startupRecorded);
        }
        viewer.ended(qoe.failedToStart(), qoe.playbackFailed(), System.currentTimeMillis());
        onEnd.run();
    }
}
