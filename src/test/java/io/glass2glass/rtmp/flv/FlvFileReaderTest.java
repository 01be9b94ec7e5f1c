package io.glass2glass.rtmp.flv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FLV file format (FLV spec v10.1 Annex E.2 header, E.3 body, E.4.1 tag header), read back from ffmpeg's files and broken ones. */
class FlvFileReaderTest {

    @TempDir
    static Path dir;
    static Path recorded;
    static byte[] bytes;

    @BeforeAll
    static void record() throws Exception {
        recorded = RecordedFlv.record(dir.resolve("clip.flv"), 320, 180, 30, 44_100, 2);
        bytes = Files.readAllBytes(recorded);
    }

    @Test
    void readsEveryPacketFfprobeSeesWithItsTimestampAndSize() throws Exception {
        FlvFileReader.FlvFile file = FlvFileReader.read(recorded, 64 << 20, FlvFileReader.MAX_TAG_BYTES);
        assertEquals(new FlvFileReader.Header(1, true, true), file.header());
        assertEquals(FlvFileReader.SCRIPT_DATA, file.tags().get(0).type(), "onMetaData comes first");

        // ffprobe lists media packets only: sequence headers (AVCPacketType/AACPacketType 0) become extradata.
        List<String> ours = new ArrayList<>();
        for (FlvFileReader.Tag t : file.tags()) {
            if (t.type() == FlvFileReader.VIDEO && t.body()[1] == 1) {
                ours.add("video," + t.timestampMillis() + "," + (t.body().length - 5));
            } else if (t.type() == FlvFileReader.AUDIO && t.body()[1] == 1) {
                ours.add("audio," + t.timestampMillis() + "," + (t.body().length - 2));
            }
        }
        ExternalTool.Result probe = ExternalTool.run(60, "ffprobe", "-v", "error", "-show_entries", "packet=codec_type,dts,size",
                "-of", "csv=p=0", recorded.toString());
        assertEquals(0, probe.exitCode(), probe.stderr());
        List<String> theirs = probe.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(sorted(theirs), sorted(ours));
        assertTrue(ours.size() > 100, "packets: " + ours.size());
    }

    @Test
    void everyTruncationEndsCleanlyAtATagBoundaryOrIsReportedWhereItHappened() throws Exception {
        List<FlvFileReader.Tag> all = readAll(bytes, FlvFileReader.MAX_TAG_BYTES);
        for (int length = 0; length < bytes.length; length += length < 600 ? 1 : 97) {
            byte[] cut = Arrays.copyOf(bytes, length);
            FlvFileReader reader = new FlvFileReader(new ByteArrayInputStream(cut), FlvFileReader.MAX_TAG_BYTES);
            int tags = 0;
            FlvFileReader.Next next;
            while ((next = reader.next()) instanceof FlvFileReader.Tag t) {
                assertArrayEquals(all.get(tags).body(), t.body(), "tag " + tags + " of a file cut at " + length);
                tags++;
            }
            if (next instanceof FlvFileReader.Invalid bad) {
                assertTrue(bad.offset() <= length, bad + " in a file of " + length);
                assertTrue(bad.reason().contains("ends inside") || bad.reason().contains("signature"), bad.reason());
                assertEquals(bad, reader.next(), "a broken file stays broken");
            } else {
                assertTrue(tags == 0 || length >= 9, "cut at " + length);
            }
        }
    }

    @Test
    void aFileWithoutItsLastPreviousTagSizeStillEnds() throws Exception {
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);
        assertEquals(readAll(bytes, FlvFileReader.MAX_TAG_BYTES).size(), readAll(cut, FlvFileReader.MAX_TAG_BYTES).size());
    }

    @Test
    void aBadSignatureOrVersionIsNotFlv() throws Exception {
        byte[] notFlv = bytes.clone();
        notFlv[0] = 'G';
        assertEquals(new FlvFileReader.Invalid("no FLV signature", 0), first(notFlv));
        byte[] version2 = bytes.clone();
        version2[3] = 2;
        assertInstanceOf(FlvFileReader.Invalid.class, first(version2));
        assertEquals(new FlvFileReader.Invalid("no FLV signature", 0), first("<html>".getBytes()));
        assertThrows(IOException.class, () -> FlvFileReader.read(writeTemp(notFlv), 1 << 20, 1 << 20));
    }

    @Test
    void aDataOffsetBeyondTheLimitIsRefused() throws Exception {
        byte[] h = header();
        h[5] = 0x7F; // DataOffset 2 GB
        FlvFileReader.Next next = first(h);
        assertTrue(next instanceof FlvFileReader.Invalid bad && bad.reason().contains("DataOffset"), next.toString());
    }

    @Test
    void aTagLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header());
        out.writeBytes(new byte[4]);
        out.writeBytes(new byte[] {9, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0}); // 16 MB declared, nothing follows
        FlvFileReader.Next next = first(out.toByteArray(), 1 << 20);
        assertEquals(new FlvFileReader.Invalid("tag DataSize 16777215 is over the limit of 1048576", 13), next);
    }

    @Test
    void theExtendedTimestampIsTheUpperByte() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header());
        out.writeBytes(new byte[4]);
        out.writeBytes(new byte[] {8, 0, 0, 2, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, (byte) 0xAF, 1});
        out.writeBytes(new byte[] {0, 0, 0, 13});
        FlvFileReader.Next next = first(out.toByteArray());
        assertInstanceOf(FlvFileReader.Tag.class, next);
        FlvFileReader.Tag tag = (FlvFileReader.Tag) next;
        assertEquals(0x78123456L, tag.timestampMillis());
        assertEquals(FlvFileReader.AUDIO, tag.type());
        assertArrayEquals(new byte[] {(byte) 0xAF, 1}, tag.body());
    }

    @Test
    void aPreviousTagSizeThatDisagreesWithTheTagIsInvalid() throws Exception {
        List<FlvFileReader.Tag> tags = readAll(bytes, FlvFileReader.MAX_TAG_BYTES);
        int firstTagEnd = 9 + 4 + 11 + tags.get(0).body().length;
        byte[] broken = bytes.clone();
        broken[firstTagEnd + 3] ^= 1;
        FlvFileReader reader = new FlvFileReader(new ByteArrayInputStream(broken), FlvFileReader.MAX_TAG_BYTES);
        assertInstanceOf(FlvFileReader.Tag.class, reader.next());
        FlvFileReader.Next next = reader.next();
        assertTrue(next instanceof FlvFileReader.Invalid bad && bad.offset() == firstTagEnd && bad.reason().contains("PreviousTagSize"),
                next.toString());
    }

    @Test
    void anEncryptedTagIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header());
        out.writeBytes(new byte[4]);
        out.writeBytes(new byte[] {0x20 | 9, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x17});
        FlvFileReader.Next next = first(out.toByteArray());
        assertTrue(next instanceof FlvFileReader.Invalid bad && bad.reason().contains("encrypted"), next.toString());
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() {
        assertThrows(IOException.class, () -> FlvFileReader.read(recorded, 1000, FlvFileReader.MAX_TAG_BYTES));
    }

    private static byte[] header() {
        return new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9};
    }

    private static FlvFileReader.Next first(byte[] file) throws IOException {
        return first(file, FlvFileReader.MAX_TAG_BYTES);
    }

    private static FlvFileReader.Next first(byte[] file, int maxTagBytes) throws IOException {
        return new FlvFileReader(new ByteArrayInputStream(file), maxTagBytes).next();
    }

    private static List<FlvFileReader.Tag> readAll(byte[] file, int maxTagBytes) throws IOException {
        FlvFileReader reader = new FlvFileReader(new ByteArrayInputStream(file), maxTagBytes);
        List<FlvFileReader.Tag> tags = new ArrayList<>();
        FlvFileReader.Next next;
        while ((next = reader.next()) instanceof FlvFileReader.Tag t) {
            tags.add(t);
        }
        assertInstanceOf(FlvFileReader.End.class, next);
        return tags;
    }

    private static Path writeTemp(byte[] content) throws IOException {
        Path p = Files.createTempFile(dir, "bad-", ".flv");
        Files.write(p, content);
        return p;
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }
}
