package io.glass2glass.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;
import static io.glass2glass.simulations.SessionKeys.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerAction;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerResponse;
import io.glass2glass.player.StreamFormat;
import io.glass2glass.player.network.NetworkMix;
import java.time.Duration;

/**
 * Live players on Gatling: every virtual user is one {@link Player} (the model in
 * {@code io.glass2glass.player} makes every decision); this class only carries out its fetches and
 * pauses and names requests by kind (multivariant, media_playlist, mpd, init, segment, time).
 *
 * <p>Parameters come from {@code -Dg2g.*} system properties ({@link LoadPlan}); {@code load} and
 * {@code run} fork a JVM with them. QoE goes to HdrHistogram recorders, written to the run folder.
 */
public class LivePlayersSimulation extends Simulation {

    private final LoadPlan plan;
    private final NetworkMix networks;
    private final PlayerSink sink;

    public LivePlayersSimulation() {
        this(null);
    }

    /** @param format forces a format (the HLS and DASH simulations); null takes the plan's */
    protected LivePlayersSimulation(StreamFormat format) {
        LoadPlan fromProperties = LoadPlan.fromSystemProperties(System.getProperties());
        if (format != null && fromProperties.format() != format) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " plays " + format + " but the target is "
                    + fromProperties.format() + ": " + fromProperties.target());
        }
        plan = fromProperties;
        networks = NetworkMix.parse(plan.network());
        sink = new PlayerSink(plan, networks);

        HttpProtocolBuilder protocol = http
                .disableWarmUp() // the default warm-up URL is on the Internet
                .disableCaching() // count every request, as a cache-less player would make it
                .acceptHeader("*/*")
                .userAgentHeader("glass2glass-player/0.1 (+https://github.com/glass2glass)");
        if (plan.shareConnections()) {
            protocol = protocol.shareConnections();
        }

        ScenarioBuilder players = scenario(plan.format() == StreamFormat.DASH ? "live DASH players" : "live HLS players")
                .exec(this::join)
                .asLongAs(session -> !player(session).isDone()).on(
                        exec(this::decide)
                        .doSwitch(el(ACTION)).on(
                                onCase("wait").then(pause(session -> Duration.ofMillis(session.getLong(PAUSE_MILLIS)))),
                                onCase("manifest").then(exec(http(el(KIND)).get(el(URL))
                                        .check(status().saveAs(STATUS), status().in(200, 203, 206, 304),
                                                bodyString().saveAs(BODY), bodyLength().saveAs(BYTES)))
                                        .exec(this::report)),
                                onCase("media").then(exec(http(el(KIND)).get(el(URL))
                                        .check(status().saveAs(STATUS), status().in(200, 203, 206, 304),
                                                bodyLength().saveAs(BYTES)))
                                        .exec(this::report)),
                                onCase("range").then(exec(http(el(KIND)).get(el(URL)).header("Range", el(RANGE_HEADER))
                                        .check(status().saveAs(STATUS), status().in(200, 206),
                                                bodyLength().saveAs(BYTES)))
                                        .exec(this::report))))
                .exec(this::leave);

        setUp(players.injectOpen(injection()).protocols(protocol))
                .maxDuration(Duration.ofMillis(Math.round(plan.maxDurationSeconds() * 1000)));
    }

    private OpenInjectionStep injection() {
        return switch (plan.injection()) {
            case "spike" -> atOnceUsers(plan.players());
            case "constant" -> constantUsersPerSec(plan.arrivalRate()).during(Duration.ofMillis(Math.round(plan.rampSeconds() * 1000)));
            default -> plan.rampSeconds() <= 0 ? atOnceUsers(plan.players())
                    : rampUsers(plan.players()).during(Duration.ofMillis(Math.round(plan.rampSeconds() * 1000)));
        };
    }

    @Override
    public void before() {
        sink.start();
    }

    @Override
    public void after() {
        sink.finish();
    }

    private Session join(Session session) {
        long now = System.currentTimeMillis();
        PlayerConfig config = PlayerConfig.defaults(plan.targetFor(session.userId()))
                .withAbr(plan.abr())
                .withNetwork(networks.forPlayer(session.userId()))
                .withSessionMillis(Math.round(plan.sessionSeconds() * 1000))
                .withFormat(plan.format());
        return session.set(PLAYER, sink.newPlayer("player-" + session.userId(), config, now));
    }

    private Session decide(Session session) {
        Player player = player(session);
        long now = System.currentTimeMillis();
        PlayerAction action = player.next(now);
        if (action instanceof PlayerAction.Fetch f) {
            String mode = f.wantBody() ? "manifest" : f.rangeStart() >= 0 ? "range" : "media";
            Session s = session.remove(STATUS).remove(BODY).remove(BYTES)
                    .set(FETCH, f).set(ACTION, mode).set(KIND, f.kind().label())
                    .set(URL, f.uri().toString()).set(SENT_MILLIS, now);
            String range = f.rangeHeader();
            return range == null ? s : s.set(RANGE_HEADER, range);
        }
        if (action instanceof PlayerAction.Wait w) {
            return session.set(ACTION, "wait").set(PAUSE_MILLIS, Math.max(1, w.untilMillis() - now));
        }
        return session.set(ACTION, "done");
    }

    private Session report(Session session) {
        long now = System.currentTimeMillis();
        PlayerAction.Fetch f = session.get(FETCH);
        int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
        String body = session.contains(BODY) ? session.getString(BODY) : null;
        long bytes = session.contains(BYTES) ? session.getLong(BYTES) : 0;
        player(session).onResponse(f, new PlayerResponse(status, body, bytes, session.getLong(SENT_MILLIS), now), now);
        return session.remove(BODY).remove(FETCH);
    }

    private Session leave(Session session) {
        player(session).stop(System.currentTimeMillis());
        return session.remove(PLAYER);
    }

    private static Player player(Session session) {
        return session.get(PLAYER);
    }
}
