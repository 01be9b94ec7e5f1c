package io.glass2glass.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AudioSpecificConfigTest {

    private static final HexFormat HEX = HexFormat.of();

    /** (name, object type, sampling frequency index, frequency, channel configuration, exact bytes, codecs). */
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("AAC-LC 48 kHz stereo", 2, 3, 48000, 2, "1190", "mp4a.40.2"),
                Arguments.of("AAC-LC 44.1 kHz stereo", 2, 4, 44100, 2, "1210", "mp4a.40.2"),
                Arguments.of("AAC-LC 44.1 kHz mono", 2, 4, 44100, 1, "1208", "mp4a.40.2"),
                Arguments.of("AAC-LC 8 kHz mono", 2, 11, 8000, 1, "1588", "mp4a.40.2"),
                Arguments.of("AAC-LC 96 kHz 5.1", 2, 0, 96000, 6, "1030", "mp4a.40.2"),
                Arguments.of("AAC-LC explicit 50 kHz stereo", 2, 15, 50000, 2, "178061a810", "mp4a.40.2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void buildsExactAacLcConfig(String name, int objectType, int index, int frequency, int channels, String hex, String codecs) {
        AudioSpecificConfig config = AudioSpecificConfig.aacLc(frequency, channels);

        assertEquals(hex, HEX.formatHex(config.bytes()));
        assertEquals(index, config.samplingFrequencyIndex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void parsesObjectTypeFrequencyAndChannels(String name, int objectType, int index, int frequency, int channels, String hex, String codecs) {
        AudioSpecificConfig config = AudioSpecificConfig.parse(HEX.parseHex(hex));

        assertEquals(objectType, config.objectType());
        assertEquals(index, config.samplingFrequencyIndex());
        assertEquals(frequency, config.samplingFrequency());
        assertEquals(channels, config.channelConfiguration());
        assertEquals(codecs, config.codecString());
        assertEquals(hex, HEX.formatHex(config.bytes()));
    }

    static Stream<Arguments> otherObjectTypes() {
        return Stream.of(
                // explicit SBR signalling: SBR at 24 kHz core, extension 48 kHz, then AAC-LC
                Arguments.of("HE-AAC", "2b118800", 5, 24000, 2, "mp4a.40.5"),
                // escaped object type 31 + 10 (USAC), 48 kHz stereo
                Arguments.of("escaped object type 42", "f94640", 42, 48000, 2, "mp4a.40.42"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherObjectTypes")
    void parsesOtherObjectTypes(String name, String hex, int objectType, int frequency, int channels, String codecs) {
        AudioSpecificConfig config = AudioSpecificConfig.parse(HEX.parseHex(hex));

        assertEquals(objectType, config.objectType());
        assertEquals(frequency, config.samplingFrequency());
        assertEquals(channels, config.channelConfiguration());
        assertEquals(codecs, config.codecString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "12", "0190", "16900000", "178061"})
    void rejectsTruncatedNullOrReservedConfig(String hex) {
        assertThrows(IllegalArgumentException.class, () -> AudioSpecificConfig.parse(HEX.parseHex(hex)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 9})
    void rejectsChannelCountsWithoutConfiguration(int channels) {
        assertThrows(IllegalArgumentException.class, () -> AudioSpecificConfig.aacLc(48000, channels));
    }
}
