package io.glass2glass.cli;

import io.glass2glass.edge.EdgeCache;
import io.glass2glass.edge.EdgeOptions;
import io.glass2glass.edge.EdgeProfile;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge}: one caching edge in front of any HTTP origin (or of another edge: a shield). */
@Command(name = "edge", mixinStandardHelpOptions = true,
        description = "Run a caching edge (CDN tier) in front of any HTTP origin URL.")
public final class EdgeCommand implements Callable<Integer> {

    @Option(names = "--origin", required = true, description = "Upstream base URL: an origin or another edge (http://host:port[/prefix]).")
    String origin;

    @Option(names = "--port", defaultValue = "8081", description = "Port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Interface to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--profile", defaultValue = "default",
            description = "Edge profile name (default, cdn-live, no-collapse, short-ttl, shielded) or YAML file. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--name", defaultValue = "edge-1", description = "Name in metrics and the Via header. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--instances", description = "Event loops serving the edge (one shared cache, one port). Default: the number of cores.")
    Integer instances;

    @Override
    public Integer call() throws Exception {
        URI upstream = URI.create(origin);
        if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
            System.err.println("--origin must be an http:// URL with a host: " + origin);
            return 2;
        }
        EdgeProfile edgeProfile = EdgeProfile.load(profile);
        Vertx vertx = Vertx.vertx();
        int loops = instances == null ? Runtime.getRuntime().availableProcessors() : instances;
        EdgeCache edge;
        try {
            edge = EdgeCache.deploy(vertx, EdgeOptions.of(name, host, port, upstream), edgeProfile, loops)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.getLogger(EdgeCommand.class.getName()).log(System.Logger.Level.WARNING, "edge did not close cleanly", e);
            }
            System.out.println("glass2glass edge: stopped");
            stopped.countDown();
        }, "g2g-edge-shutdown"));
        System.out.println("glass2glass edge " + name + ": profile " + edgeProfile.name() + " in front of " + upstream + ", "
                + edge.instances() + " event loop(s)");
        System.out.println("  http://127.0.0.1:" + edge.actualPort() + "/   (same paths as the upstream; /metrics and /health are the edge's own)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
