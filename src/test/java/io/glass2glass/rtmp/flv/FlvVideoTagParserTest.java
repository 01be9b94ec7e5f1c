package io.glass2glass.rtmp.flv;

import static io.glass2glass.rtmp.flv.FlvTagTable.WALL_CLOCK_BASE_MICROS;
import static io.glass2glass.rtmp.flv.FlvTagTable.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glass2glass.media.MediaSample;
import io.glass2glass.media.codec.AvcDecoderConfigurationRecord;
import io.glass2glass.media.codec.H264Fixtures;
import io.glass2glass.rtmp.flv.FlvTagTable.TagCase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The FLV VIDEODATA / AVCVIDEOPACKET mapping (FLV specification v10.1, Annex E.4.3; Enhanced RTMP). */
class FlvVideoTagParserTest {

    private final FlvVideoTagParser parser = new FlvVideoTagParser();

    static List<TagCase> videoCases() {
        return FlvTagTable.videoCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoCases")
    void eachTableRowParsesToItsExpectedResult(TagCase row) {
        FlvTagTable.assertMatches(row.expected(), parser.parse(row.payload(), row.timestampMillis(), WALL_CLOCK_BASE_MICROS));
    }

    @Test
    void sequenceHeaderAvcCIsTheRecordTheCodecLayerBuildsFromTheX264ParameterSets() {
        byte[] built = AvcDecoderConfigurationRecord.fromParameterSets(List.of(H264Fixtures.HIGH_SPS), List.of(H264Fixtures.HIGH_PPS));
        assertArrayEquals(built, bytes(FlvTagTable.HIGH_AVCC_HEX));
    }

    @Test
    void sampleDoesNotShareThePayloadArray() {
        byte[] payload = bytes("17 01 000000" + FlvTagTable.IDR_NALU_HEX);
        MediaSample sample = ((FlvTagResult.Sample) parser.parse(payload, 0, 0)).sample();
        payload[payload.length - 1] = 0;
        assertArrayEquals(bytes(FlvTagTable.IDR_NALU_HEX), sample.data());
    }

    @Test
    void captureTimeIsTheWallClockBasePlusThePresentationTime() {
        byte[] payload = bytes("17 01 000050" + FlvTagTable.IDR_NALU_HEX);
        MediaSample sample = ((FlvTagResult.Sample) parser.parse(payload, 40, 5_000_000)).sample();
        assertEquals(5_000_000 + 120_000, sample.captureTimeMicros());
        assertEquals(80, sample.compositionOffset());
    }

    @Test
    void timestampOutsideTheRtmpRangeIsACallerError() {
        byte[] payload = bytes("17 02 000000");
        assertThrows(IllegalArgumentException.class, () -> parser.parse(payload, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> parser.parse(payload, 0x1_0000_0000L, 0));
    }

    @Test
    void everyEnhancedRtmpFrameTypeAndPacketTypeIsRefusedNeverParsedAsAvc() {
        for (int first = 0x80; first <= 0xFF; first++) {
            byte[] payload = bytes("00 68766331 00000000 0000000165");
            payload[0] = (byte) first;
            FlvTagResult result = parser.parse(payload, 0, 0);
            if (((first >>> 4) & 0x07) == FlvVideoTagParser.FRAME_INFO_COMMAND) {
                assertInstanceOf(FlvTagResult.Ignored.class, result, () -> "first byte " + Integer.toHexString(payload[0] & 0xFF));
            } else {
                assertInstanceOf(FlvTagResult.Unsupported.class, result, () -> "first byte " + Integer.toHexString(payload[0] & 0xFF));
            }
        }
    }
}
