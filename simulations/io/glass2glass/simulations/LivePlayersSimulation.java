package io.glass2glass.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

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

    private static final String PLAYER = "g2g_player";
    private static final String FETCH = "g2g_fetch";

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
                        .doSwitch("#{g2g_action}").on(
                                onCase("wait").then(pause(session -> Duration.ofMillis(session.getLong("g2g_pauseMs")))),
                                onCase("manifest").then(exec(http("#{g2g_kind}").get("#{g2g_url}")
                                        .check(status().saveAs("g2g_status"), status().in(200, 203, 206, 304),
                                                bodyString().saveAs("g2g_body"), bodyLength().saveAs("g2g_bytes")))
                                        .exec(this::report)),
                                onCase("media").then(exec(http("#{g2g_kind}").get("#{g2g_url}")
                                        .check(status().saveAs("g2g_status"), status().in(200, 203, 206, 304),
                                                bodyLength().saveAs("g2g_bytes")))
                                        .exec(this::report)),
                                onCase("range").then(exec(http("#{g2g_kind}").get("#{g2g_url}").header("Range", "#{g2g_range}")
                                        .check(status().saveAs("g2g_status"), status().in(200, 206),
                                                bodyLength().saveAs("g2g_bytes")))
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
            Session s = session.remove("g2g_status").remove("g2g_body").remove("g2g_bytes")
                    .set(FETCH, f).set("g2g_action", mode).set("g2g_kind", f.kind().label())
                    .set("g2g_url", f.uri().toString()).set("g2g_sent", now);
            String range = f.rangeHeader();
            return range == null ? s : s.set("g2g_range", range);
        }
        if (action instanceof PlayerAction.Wait w) {
            return session.set("g2g_action", "wait").set("g2g_pauseMs", Math.max(1, w.untilMillis() - now));
        }
        return session.set("g2g_action", "done");
    }

    private Session report(Session session) {
        long now = System.currentTimeMillis();
        PlayerAction.Fetch f = session.get(FETCH);
        int status = session.contains("g2g_status") ? session.getInt("g2g_status") : 0;
        String body = session.contains("g2g_body") ? session.getString("g2g_body") : null;
        long bytes = session.contains("g2g_bytes") ? session.getLong("g2g_bytes") : 0;
        player(session).onResponse(f, new PlayerResponse(status, body, bytes, session.getLong("g2g_sent"), now), now);
        return session.remove("g2g_body").remove(FETCH);
    }

    private Session leave(Session session) {
        player(session).stop(System.currentTimeMillis());
        return session.remove(PLAYER);
    }

    private static Player player(Session session) {
        return session.get(PLAYER);
    }
}
