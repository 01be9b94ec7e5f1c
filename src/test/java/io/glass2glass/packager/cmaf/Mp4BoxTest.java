package io.glass2glass.packager.cmaf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class Mp4BoxTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void readsLargesizeAndToEndOfFileBoxes() {
        byte[] file = HEX.parseHex(
                "00000001" + "66726565" + "0000000000000012" + "aabb" // free, 64-bit size 18
                        + "00000000" + "6d646174" + "010203"); // mdat, size 0: to the end

        Mp4Box root = Mp4Box.parse(file);

        assertEquals(18, root.find("free").size());
        assertArrayEquals(HEX.parseHex("aabb"), root.find("free").payload());
        assertArrayEquals(HEX.parseHex("010203"), root.find("mdat").payload());
    }

    @Test
    void rejectsBoxesThatOverrunTheirParent() {
        assertThrows(IllegalArgumentException.class, () -> Mp4Box.parse(HEX.parseHex("00000010" + "66726565" + "00")));
        assertThrows(IllegalArgumentException.class, () -> Mp4Box.parse(HEX.parseHex("00000004" + "66726565")));
        assertThrows(IllegalArgumentException.class, () -> Mp4Box.parse(HEX.parseHex("0000000866")));
        assertThrows(IllegalArgumentException.class,
                () -> Mp4Box.parse(box("moov", box("mvhd", new byte[4]), HEX.parseHex("000000ff6672"))));
    }

    @Test
    void findNamesTheMissingBox() {
        Mp4Box root = Mp4Box.parse(box("moov", box("mvhd", new byte[4])));

        NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> root.find("moov/trak/tkhd"));
        assertTrue(missing.getMessage().contains("no trak in moov"), missing.getMessage());
        assertFalse(root.has("moov/trak"));
        assertTrue(root.has("moov/mvhd"));
    }

    @Test
    void fillsTrunGapsFromTfhdDefaultsAndFirstSampleFlags() {
        byte[] tfhd = box("tfhd", HEX.parseHex(
                "00" + "020038" // default-base-is-moof, default duration, size, flags
                        + "00000001" + "00000400" + "00000010" + "01010000"));
        byte[] trun = box("trun", HEX.parseHex(
                "00" + "000805" // data offset, first sample flags, composition offsets (unsigned in v0)
                        + "00000002" + "00000000" + "02000000" + "00000200" + "00000000"));
        byte[] segment = box("moof", box("mfhd", HEX.parseHex("0000000000000009")), box("traf", tfhd, trun));

        List<Mp4Box.TrunSample> samples = Mp4Box.trunSamples(segment);

        assertEquals(List.of(
                new Mp4Box.TrunSample(1024, 16, 0x02000000, 512),
                new Mp4Box.TrunSample(1024, 16, 0x01010000, 0)), samples);
        assertTrue(samples.get(0).isSync());
        assertFalse(samples.get(1).isSync());
        assertEquals(9, Mp4Box.sequenceNumber(segment));
    }

    @Test
    void outlinesTheTreeBelowABox() {
        Mp4Box root = Mp4Box.parse(box("moov", box("mvhd", new byte[4]), box("mvex", box("trex", new byte[4]))));

        assertEquals("moov\n  mvhd\n  mvex\n    trex\n", root.find("moov").outline());
        assertEquals("mvex\n  trex\n", root.find("moov/mvex").outline());
    }

    private static byte[] box(String type, byte[]... payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : payload) {
            body.writeBytes(part);
        }
        int size = 8 + body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
