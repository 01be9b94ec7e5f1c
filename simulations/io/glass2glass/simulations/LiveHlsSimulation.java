package io.glass2glass.simulations;

import io.glass2glass.player.StreamFormat;

/** Live HLS players (the target must be an HLS playlist). */
public class LiveHlsSimulation extends LivePlayersSimulation {

    public LiveHlsSimulation() {
        super(StreamFormat.HLS);
    }
}
