package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 -> {1}-{2}")
    @CsvSource({
        "bytes=0-99, 0, 99",
        "bytes=0-0, 0, 0",
        "bytes=900-, 900, 999",
        "bytes=900-5000, 900, 999",
        "bytes=-100, 900, 999",
        "bytes=-5000, 0, 999",
        "bytes=999-999, 999, 999",
        "' bytes = 10 - 19 ', 10, 19",
        "BYTES=10-19, 10, 19",
    })
    void selectsOneSatisfiableRange(String header, long first, long last) {
        assertEquals(new ByteRange(first, last), ByteRange.select(header, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=5000-5001"})
    void rangesBeyondTheEndAreUnsatisfiable(String header) {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select(header, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=5-1", "bytes=", "bytes=-", "0-99",
        "bytes=99999999999999999999-", "bytes=--5"})
    void multipleOrMalformedRangesAskForTheWhole(String header) {
        assertNull(ByteRange.select(header, 1000));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=0-", "bytes=-1"})
    void anEmptyRepresentationSatisfiesNoRange(String header) {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.select(header, 0));
    }

    @org.junit.jupiter.api.Test
    void contentRangeValues() {
        assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(1000));
        assertEquals("bytes */1000", ByteRange.unsatisfied(1000));
    }
}
