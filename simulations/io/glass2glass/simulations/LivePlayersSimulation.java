package io.glass2glass.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;
import static io.glass2glass.simulations.SessionKeys.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.glass2glass.player.LoadPlan;
import io.glass2glass.player.Player;
import io.glass2glass.player.PlayerAction;
import io.glass2glass.player.NetworkSwitch;
import io.glass2glass.player.PlayerConfig;
import io.glass2glass.player.PlayerProfile;
import io.glass2glass.player.PlayerGroup;
import io.glass2glass.player.PlayerResponse;
import io.glass2glass.player.StreamFormat;
import io.glass2glass.player.network.NetworkMix;
import io.glass2glass.player.network.NetworkProfile;
import io.glass2glass.player.network.NetworkProfiles;
import io.glass2glass.qoe.Cohorts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live players on Gatling: every virtual user is one {@link Player} (the model in
 * {@code io.glass2glass.player} makes every decision); this class only carries out its fetches and
 * pauses, one chain per player action, and names requests by kind (multivariant, media_playlist,
 * mpd, init, segment, time).
 *
 * <p>Parameters come from {@code -Dg2g.*} system properties ({@link LoadPlan}); {@code load} and
 * {@code run} fork a JVM with them. QoE goes to HdrHistogram recorders, written to the run folder.
 */
public class LivePlayersSimulation extends Simulation {

    // The player's actions, as the values of SessionKeys.ACTION that the scenario switches on.
    private static final String WAIT = "wait";
    private static final String MANIFEST = "manifest";
    private static final String MEDIA = "media";
    private static final String RANGE = "range";
    private static final String DONE = "done";

    /** Statuses that answer a GET of a whole object. */
    private static final List<Integer> WHOLE_OBJECT_OK = List.of(200, 203, 206, 304);
    /** Statuses that answer a byte-range GET: the range, or the whole object from a server that ignores Range. */
    private static final List<Integer> RANGE_OK = List.of(200, 206);
    /** Whether a fetch keeps the body text for the player (manifests) or only counts its bytes (media). */
    private static final boolean KEEP_BODY = true;
    private static final boolean COUNT_BODY = false;

    /** Wait (think): nothing to fetch until the player's next deadline. */
    private static final ChainBuilder waitForPlayer =
            exec(pause(session -> Duration.ofMillis(session.getLong(PAUSE_MILLIS))));

    /** Fetch a manifest (multivariant or media playlist, MPD, UTCTiming source): its text goes to the player. */
    private static final ChainBuilder fetchManifest =
            exec(get().check(checks(WHOLE_OBJECT_OK, KEEP_BODY)))
            .exec(LivePlayersSimulation::report);

    /** Fetch media (init or segment), the whole object: its bytes are counted, its body dropped. */
    private static final ChainBuilder fetchMedia =
            exec(get().check(checks(WHOLE_OBJECT_OK, COUNT_BODY)))
            .exec(LivePlayersSimulation::report);

    /** Fetch a byte range of media (EXT-X-BYTERANGE, EXT-X-MAP BYTERANGE). */
    private static final ChainBuilder fetchRange =
            exec(get().header("Range", el(RANGE_HEADER)).check(checks(RANGE_OK, COUNT_BODY)))
            .exec(LivePlayersSimulation::report);

    /** One step of playback: the player decides, the matching chain carries it out. */
    private static final ChainBuilder play =
            exec(LivePlayersSimulation::decide)
            .doSwitch(el(ACTION)).on(
                    onCase(WAIT).then(waitForPlayer),
                    onCase(MANIFEST).then(fetchManifest),
                    onCase(MEDIA).then(fetchMedia),
                    onCase(RANGE).then(fetchRange));

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

        List<PopulationBuilder> populations = new ArrayList<>();
        for (PlayerGroup group : plan.groups()) {
            GroupPlay g = new GroupPlay(group, group.schedule(), NetworkMix.parse(group.network()),
                    plan.switches().stream().filter(sw -> sw.applies(group.name())).toList());
            String name = plan.fromScenario() ? group.name()
                    : group.format() == StreamFormat.DASH ? "live DASH players" : "live HLS players";
            ScenarioBuilder players = scenario(name)
                    .exec(session -> join(g, session))
                    .asLongAs(LivePlayersSimulation::playing).on(
                            stopLoadGeneratorIf(session -> "gate: " + sink.abortReason(), session -> sink.abortReason() != null)
                                    .exec(play))
                    .exec(LivePlayersSimulation::leave);
            populations.add(players.injectOpen(injection(g.schedule())).protocols(protocol()));
        }
        setUp(populations).maxDuration(millis(plan.maxDurationSeconds()));
    }

    /** One group as its players join: its plan, its links, and how many have joined so far (the join order k). */
    private record GroupPlay(PlayerGroup group, PlayerGroup.Schedule schedule, NetworkMix networks, List<NetworkSwitch> switches,
            AtomicLong joined) {
        GroupPlay(PlayerGroup group, PlayerGroup.Schedule schedule, NetworkMix networks, List<NetworkSwitch> switches) {
            this(group, schedule, networks, switches, new AtomicLong());
        }
    }

    /** The GET the player asked for, named by its kind: the request names of Gatling's report. */
    private static HttpRequestActionBuilder get() {
        return http(el(KIND)).get(el(URL));
    }

    /**
     * What every fetch checks and keeps for the player. The status is saved before it is judged, so a
     * refused one still reaches the player; manifests keep their text; every body is counted.
     */
    private static List<CheckBuilder> checks(List<Integer> accepted, boolean keepBody) {
        List<CheckBuilder> checks = new ArrayList<>();
        checks.add(status().saveAs(STATUS));
        checks.add(status().in(accepted));
        if (keepBody) {
            checks.add(bodyString().saveAs(BODY));
        }
        checks.add(bodyLength().saveAs(BYTES));
        return checks;
    }

    private HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http
                .disableWarmUp() // the default warm-up URL is on the Internet
                .disableCaching() // count every request, as a cache-less player would make it
                .acceptHeader("*/*")
                .userAgentHeader("glass2glass-player/0.1 (+https://github.com/glass2glass)");
        return plan.shareConnections() ? protocol.shareConnections() : protocol;
    }

    private static List<OpenInjectionStep> injection(PlayerGroup.Schedule schedule) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (PlayerGroup.Injection step : schedule.injection()) {
            if (step instanceof PlayerGroup.Injection.AtOnce a) {
                steps.add(atOnceUsers(a.users()));
            } else if (step instanceof PlayerGroup.Injection.Ramp r) {
                steps.add(rampUsers(r.users()).during(millis(r.seconds())));
            } else if (step instanceof PlayerGroup.Injection.Nothing n) {
                steps.add(nothingFor(millis(n.seconds())));
            } else if (step instanceof PlayerGroup.Injection.Rate r) {
                steps.add(constantUsersPerSec(r.perSecond()).during(millis(r.seconds())));
            }
        }
        return steps;
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Override
    public void before() {
        sink.start();
    }

    @Override
    public void after() {
        sink.finish();
    }

    private Session join(GroupPlay g, Session session) {
        long now = System.currentTimeMillis();
        long k = g.joined().getAndIncrement();
        PlayerGroup group = g.group();
        URI target = group.targets().get((int) Math.floorMod(k, (long) group.targets().size()));
        NetworkProfile own = g.networks().forPlayer(k);
        long watch = g.schedule().watchMillis(k);
        NetworkProfile network = own;
        long joinedMillis = Math.max(0, now - sink.startMillis());
        for (NetworkSwitch sw : g.switches()) {
            network = sw.apply(network, switchProfile(sw), joinedMillis, watch);
        }
        // A player profile (hlsjs, dashjs, shaka) sets every default; any other spec is an ABR algorithm on the defaults.
        PlayerConfig config = PlayerProfile.configFor(group.abr(), target)
                .withCmcd(plan.cmcd())
                .withNetwork(network)
                .withSessionMillis(watch)
                .withFormat(group.format());
        // The player's cohorts: the report breaks every QoE figure down by these.
        Map<String, String> cohort = new LinkedHashMap<>();
        cohort.put(Cohorts.GROUP, group.name());
        cohort.put(Cohorts.NETWORK, own.name());
        cohort.put(Cohorts.ABR, PlayerProfile.describe(group.abr()));
        cohort.put(Cohorts.FORMAT, group.format().name().toLowerCase(Locale.ROOT));
        cohort.put(Cohorts.EDGE, target.getAuthority());
        return session.set(PLAYER, sink.newPlayer(group.name() + "-" + (k + 1), config, cohort, now));
    }

    private final Map<String, NetworkProfile> switchProfiles = new java.util.concurrent.ConcurrentHashMap<>();

    private NetworkProfile switchProfile(NetworkSwitch sw) {
        return switchProfiles.computeIfAbsent(sw.network(), NetworkProfiles::load);
    }

    private static boolean playing(Session session) {
        return !player(session).isDone();
    }

    /** Asks the player for its next action and sets what the chain that carries it out reads. */
    private static Session decide(Session session) {
        Player player = player(session);
        long now = System.currentTimeMillis();
        PlayerAction action = player.next(now);
        if (action instanceof PlayerAction.Fetch f) {
            String fetch = f.wantBody() ? MANIFEST : f.rangeStart() >= 0 ? RANGE : MEDIA;
            Session s = session.remove(STATUS).remove(BODY).remove(BYTES)
                    .set(FETCH, f).set(ACTION, fetch).set(KIND, f.kind().label())
                    .set(URL, player.requestUri(f).toString()).set(SENT_MILLIS, now);
            String range = f.rangeHeader();
            return range == null ? s : s.set(RANGE_HEADER, range);
        }
        if (action instanceof PlayerAction.Wait w) {
            return session.set(ACTION, WAIT).set(PAUSE_MILLIS, Math.max(1, w.untilMillis() - now));
        }
        return session.set(ACTION, DONE);
    }

    /** Hands the response the checks saved back to the player. */
    private static Session report(Session session) {
        long now = System.currentTimeMillis();
        PlayerAction.Fetch f = session.get(FETCH);
        int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
        String body = session.contains(BODY) ? session.getString(BODY) : null;
        long bytes = session.contains(BYTES) ? session.getLong(BYTES) : 0;
        player(session).onResponse(f, new PlayerResponse(status, body, bytes, session.getLong(SENT_MILLIS), now), now);
        return session.remove(BODY).remove(FETCH);
    }

    private static Session leave(Session session) {
        player(session).stop(System.currentTimeMillis());
        return session.remove(PLAYER);
    }

    private static Player player(Session session) {
        return session.get(PLAYER);
    }
}
