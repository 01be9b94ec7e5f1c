package io.glass2glass.cli;

import io.glass2glass.pipeline.PipelineFaults;
import io.glass2glass.scenario.ScenarioEvent;
import io.glass2glass.scenario.TimelineRunner;

/** A scenario's events on the embedded pipeline: each begins and ends one of its faults. */
final class PipelineFaultActions implements TimelineRunner.Actions {

    private final PipelineFaults faults;

    PipelineFaultActions(PipelineFaults faults) {
        this.faults = faults;
    }

    @Override
    public void begin(ScenarioEvent e) {
        switch (e.type()) {
            case ORIGIN_OUTAGE -> faults.originOutage(true);
            case ORIGIN_ERRORS -> faults.originErrors(true);
            case PUBLISHER_RESTART -> faults.publisherRestart(e.gap());
            case ENCODER_STALL -> faults.encoderStall(true);
            case EDGE_DOWN -> faults.edgeDown(e.edge() - 1, true);
            case NETWORK -> { } // the players' JVM switches their links
        }
    }

    @Override
    public void end(ScenarioEvent e) {
        switch (e.type()) {
            case ORIGIN_OUTAGE -> faults.originOutage(false);
            case ORIGIN_ERRORS -> faults.originErrors(false);
            case ENCODER_STALL -> faults.encoderStall(false);
            case EDGE_DOWN -> faults.edgeDown(e.edge() - 1, false);
            case PUBLISHER_RESTART, NETWORK -> { }
        }
    }
}
