package io.glass2glass.simulations;

import io.glass2glass.player.StreamFormat;

/** Live DASH players (the target must be an MPD). */
public class LiveDashSimulation extends LivePlayersSimulation {

    public LiveDashSimulation() {
        super(StreamFormat.DASH);
    }
}
