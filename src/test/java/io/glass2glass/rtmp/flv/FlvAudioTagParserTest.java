package io.glass2glass.rtmp.flv;

import static io.glass2glass.rtmp.flv.FlvTagTable.WALL_CLOCK_BASE_MICROS;
import static io.glass2glass.rtmp.flv.FlvTagTable.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glass2glass.media.MediaSample;
import io.glass2glass.rtmp.flv.FlvTagTable.TagCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The FLV AUDIODATA / AACAUDIODATA mapping (FLV specification v10.1, Annex E.4.2; Enhanced RTMP). */
class FlvAudioTagParserTest {

    private final FlvAudioTagParser parser = new FlvAudioTagParser();

    static List<TagCase> audioCases() {
        return FlvTagTable.audioCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("audioCases")
    void eachTableRowParsesToItsExpectedResult(TagCase row) {
        FlvTagTable.assertMatches(row.expected(), parser.parse(row.payload(), row.timestampMillis(), WALL_CLOCK_BASE_MICROS));
    }

    @Test
    void sampleDoesNotShareThePayloadArray() {
        byte[] payload = bytes("af 01" + FlvTagTable.AAC_FRAME_HEX);
        MediaSample sample = ((FlvTagResult.Sample) parser.parse(payload, 0, 0)).sample();
        payload[2] = 0;
        assertArrayEquals(bytes(FlvTagTable.AAC_FRAME_HEX), sample.data());
    }

    @Test
    void captureTimeIsTheWallClockBasePlusTheTimestamp() {
        MediaSample sample = ((FlvTagResult.Sample) parser.parse(bytes("af 01" + FlvTagTable.AAC_FRAME_HEX), 1_021, 7_000_000)).sample();
        assertEquals(7_000_000 + 1_021_000, sample.captureTimeMicros());
        assertEquals(0, sample.compositionOffset());
    }

    @Test
    void timestampOutsideTheRtmpRangeIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse(bytes("af 01 21"), -1, 0));
    }

    @Test
    void everySoundFormatOtherThanAacIsRefused() {
        for (int soundFormat = 0; soundFormat < 16; soundFormat++) {
            if (soundFormat == FlvAudioTagParser.SOUND_FORMAT_AAC) {
                continue;
            }
            // Low nibble 1: AudioPacketType CodedFrames for the Enhanced RTMP header, ignored otherwise.
            byte[] payload = bytes("00 4f707573 0102");
            payload[0] = (byte) (soundFormat << 4 | 1);
            int format = soundFormat;
            assertInstanceOf(FlvTagResult.Unsupported.class, parser.parse(payload, 0, 0), () -> "sound format " + format);
        }
    }
}
