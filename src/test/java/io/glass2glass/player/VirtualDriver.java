package io.glass2glass.player;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.PlayerQoe;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Runs a {@link Player} against a {@link VirtualLiveOrigin} in virtual time and keeps what it reported. */
final class VirtualDriver implements PlayerEvents {

    record Request(ObjectKind kind, String path, int status, long bytes, long at) {}

    final List<Long> latencies = new ArrayList<>();
    /** What the player asked the driver to request, CMCD included when it sends it, in order. */
    final List<URI> requestUris = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    final List<PlayerAction.Fetch> fetches = new ArrayList<>();
    final List<Long> fetchTimes = new ArrayList<>();
    /** Stalls as {begun, ended}; begun times alone in stallsBegun. */
    final List<long[]> stalls = new ArrayList<>();
    final List<Long> stallsBegun = new ArrayList<>();
    final List<String> renditionsPlayed = new ArrayList<>();
    final List<Long> discontinuities = new ArrayList<>();

    @Override
    public void onStallBegan(long atMillis) {
        stallsBegun.add(atMillis);
    }

    @Override
    public void onStallEnded(long begunMillis, long endedMillis) {
        stalls.add(new long[] {begunMillis, endedMillis});
    }

    @Override
    public void onRenditionPlayed(String from, String to, long atMillis) {
        renditionsPlayed.add(to);
    }

    @Override
    public void onDiscontinuity(long atMillis) {
        discontinuities.add(atMillis);
    }
    PlayerQoe qoe;
    long startupMillis = -1;

    @Override
    public void onRequest(ObjectKind kind, int status, long latencyMillis, long bytes, long scheduleSkewMillis) {
        requests.add(new Request(kind, null, status, bytes, 0));
    }

    @Override
    public void onLiveLatency(long millis) {
        latencies.add(millis);
    }

    @Override
    public void onStarted(long startupMillis) {
        this.startupMillis = startupMillis;
    }

    @Override
    public void onEnd(PlayerQoe qoe) {
        this.qoe = qoe;
    }

    /** Drives the player from {@code start} until it is done; {@code onTick} sees virtual time before each step. */
    PlayerQoe run(Player player, VirtualLiveOrigin origin, long start, LongConsumer onTick) {
        long now = start;
        for (int steps = 0; steps < 1_000_000; steps++) {
            onTick.accept(now);
            origin.advanceTo(now);
            PlayerAction action = player.next(now);
            if (action instanceof PlayerAction.Done) {
                return qoe;
            }
            if (action instanceof PlayerAction.Wait w) {
                if (w.untilMillis() <= now) {
                    throw new AssertionError("player asked to wait until " + w.untilMillis() + " at " + now);
                }
                now = w.untilMillis();
            } else if (action instanceof PlayerAction.Fetch f) {
                fetches.add(f);
                fetchTimes.add(now);
                requestUris.add(player.requestUri(f));
                player.onResponse(f, origin.fetch(f, now), now);
            }
        }
        throw new AssertionError("player did not finish in a million steps");
    }
}
