package io.glass2glass.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code load}: simulated live players against any HLS or DASH URL. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Run simulated live players (Gatling) against any HLS or DASH URL and write a run folder.")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = "--target", required = true, description = "Multivariant playlist (.m3u8) or MPD (.mpd) URL.")
    String target;

    @Mixin
    PlayerOptions players;

    @Override
    public Integer call() throws Exception {
        players.defaultNetwork("unlimited");
        return LoadRun.execute(java.util.List.of(URI.create(target)), players, System.out, summary -> summary);
    }
}
