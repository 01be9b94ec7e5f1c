package io.glass2glass.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.glass2glass.qoe.QoePrometheus;
import io.glass2glass.qoe.QoeRecorders;
import io.glass2glass.qoe.QoeTimeline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The players' JVM's /metrics on loopback, scraped as Prometheus would, and the Grafana dashboard that reads it. */
class LoadMetricsServerTest {

    private static final Pattern METRIC = Pattern.compile("glass2glass_load_[a-z_]+");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private LoadMetricsServer server;
    private URI metrics;

    @BeforeEach
    void start() throws IOException {
        QoeRecorders recorders = new QoeRecorders();
        QoeTimeline timeline = new QoeTimeline(System.currentTimeMillis());
        timeline.join().started();
        recorders.playerStarted();
        recorders.recordRequest(ObjectKind.SEGMENT, 200, 30, 1_000, 0);
        server = LoadMetricsServer.start(0, new QoePrometheus(recorders, timeline, System::currentTimeMillis));
        metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheTextFormatOnLoopbackAndStopsOnClose() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(metrics));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().contains("glass2glass_load_requests_total{kind=\"segment\"} 1\n"), r.body());
        assertTrue(r.body().contains("glass2glass_load_players_started_total 1\n"), r.body());
        for (String line : r.body().split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || line.matches("glass2glass_load_\\S+ \\S+"), line);
        }
        assertEquals(404, send(HttpRequest.newBuilder(metrics.resolve("/other"))).statusCode());
        assertEquals(405, send(HttpRequest.newBuilder(metrics).POST(HttpRequest.BodyPublishers.ofString("x"))).statusCode());

        server.close();
        assertThrows(ConnectException.class, () -> send(HttpRequest.newBuilder(metrics)));
    }

    @Test
    void theGrafanaDashboardAsksOnlyForMetricsTheLoadGeneratorServes() throws Exception {
        Set<String> served = new TreeSet<>();
        Matcher m = METRIC.matcher(send(HttpRequest.newBuilder(metrics)).body());
        while (m.find()) {
            served.add(m.group());
        }
        JsonObject dashboard = new JsonObject(Files.readString(Path.of("deploy/grafana/glass2glass-load.json")));
        JsonArray panels = dashboard.getJsonArray("panels");
        assertTrue(panels.size() >= 10, "panels: " + panels.size());
        Set<String> asked = new TreeSet<>();
        for (int i = 0; i < panels.size(); i++) {
            JsonObject panel = panels.getJsonObject(i);
            assertEquals("${DS_PROMETHEUS}", panel.getJsonObject("datasource").getString("uid"), panel.getString("title"));
            JsonArray targets = panel.getJsonArray("targets");
            assertTrue(!targets.isEmpty(), panel.getString("title"));
            for (int t = 0; t < targets.size(); t++) {
                Matcher e = METRIC.matcher(targets.getJsonObject(t).getString("expr"));
                while (e.find()) {
                    asked.add(e.group());
                }
            }
        }
        asked.removeAll(served);
        assertEquals(Set.of(), asked, "metrics the dashboard asks for that /metrics does not serve");
        assertEquals("DS_PROMETHEUS", dashboard.getJsonArray("__inputs").getJsonObject(0).getString("name"));
    }
}
