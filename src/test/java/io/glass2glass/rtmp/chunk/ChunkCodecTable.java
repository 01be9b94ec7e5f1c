package io.glass2glass.rtmp.chunk;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * The codec table (RTMP spec §5.3.1, §5.4, §7.1.7): rows of (name, decoded value, exact bytes) that
 * drive the decoder test, the encoder test and the fuzz seeds.
 */
final class ChunkCodecTable {

    /**
     * A chunk stream row.
     *
     * @param name         what the row shows
     * @param messages     decoded messages
     * @param bytes        exact wire bytes at the default chunk size of 128
     * @param encoderForm  whether {@link ChunkEncoder} writes exactly these bytes (it uses formats 0 and 3 only)
     */
    record ChunkRow(String name, List<RtmpMessage> messages, byte[] bytes, boolean encoderForm) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A control message row.
     *
     * @param name    what the row shows
     * @param control decoded control message
     * @param bytes   exact wire bytes: one format 0 chunk on chunk stream 2, message stream 0, timestamp 0
     */
    record ControlRow(String name, ProtocolControlMessage control, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ChunkCodecTable() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static String patternHex(int from, int to) {
        return HexFormat.of().formatHex(java.util.Arrays.copyOfRange(pattern(to), from, to));
    }

    private static RtmpMessage msg(int csid, int msid, int type, long ts, byte[] payload) {
        return new RtmpMessage(csid, msid, type, ts, payload);
    }

    static final List<ChunkRow> CHUNK_ROWS = List.of(
            new ChunkRow("fmt 0, 1-byte basic header (csid 3)",
                    List.of(msg(3, 1, 20, 1000, hex("616263"))),
                    hex("03 0003e8 000003 14 01000000 616263"), true),
            new ChunkRow("fmt 0, 1-byte basic header, highest csid 63",
                    List.of(msg(63, 0, 8, 0, hex("aa"))),
                    hex("3f 000000 000001 08 00000000 aa"), true),
            new ChunkRow("fmt 0, 2-byte basic header, csid 64",
                    List.of(msg(64, 1, 9, 5, hex("bb"))),
                    hex("00 00 000005 000001 09 01000000 bb"), true),
            new ChunkRow("fmt 0, 2-byte basic header, csid 319",
                    List.of(msg(319, 1, 9, 5, hex("bb"))),
                    hex("00 ff 000005 000001 09 01000000 bb"), true),
            new ChunkRow("fmt 0, 3-byte basic header, csid 320",
                    List.of(msg(320, 1, 9, 5, hex("cc"))),
                    hex("01 0001 000005 000001 09 01000000 cc"), true),
            new ChunkRow("fmt 0, 3-byte basic header, csid 65599",
                    List.of(msg(65599, 0x04030201, 18, 0, hex("dd"))),
                    hex("01 ffff 000000 000001 12 01020304 dd"), true),
            new ChunkRow("fmt 0 then fmt 3 continuation (200 bytes at chunk size 128)",
                    List.of(msg(4, 1, 8, 40, pattern(200))),
                    hex("04 000028 0000c8 08 01000000 " + patternHex(0, 128) + " c4 " + patternHex(128, 200)), true),
            new ChunkRow("zero-length message",
                    List.of(msg(5, 1, 18, 7, new byte[0])),
                    hex("05 000007 000000 12 01000000"), true),
            new ChunkRow("extended timestamp in fmt 0, repeated in fmt 3",
                    List.of(msg(6, 1, 9, 0x01020304L, pattern(130))),
                    hex("06 ffffff 000082 09 01000000 01020304 " + patternHex(0, 128)
                            + " c6 01020304 " + patternHex(128, 130)), true),
            new ChunkRow("timestamp 0xFFFFFF itself is extended",
                    List.of(msg(6, 1, 9, 0xFFFFFFL, hex("01"))),
                    hex("06 ffffff 000001 09 01000000 00ffffff 01"), true),
            new ChunkRow("largest 32-bit timestamp",
                    List.of(msg(6, 1, 9, 0xFFFFFFFFL, hex("01"))),
                    hex("06 ffffff 000001 09 01000000 ffffffff 01"), true),
            new ChunkRow("fmt 1: delta, new length and type",
                    List.of(msg(3, 1, 8, 100, hex("aa")), msg(3, 1, 9, 110, hex("bbcc"))),
                    hex("03 000064 000001 08 01000000 aa  43 00000a 000002 09 bbcc"), false),
            new ChunkRow("fmt 2: delta only",
                    List.of(msg(3, 1, 8, 100, hex("aa")), msg(3, 1, 8, 105, hex("dd"))),
                    hex("03 000064 000001 08 01000000 aa  83 000005 dd"), false),
            new ChunkRow("fmt 3 starting a new message repeats the last delta",
                    List.of(msg(3, 1, 8, 100, hex("aa")), msg(3, 1, 8, 120, hex("bb")), msg(3, 1, 8, 140, hex("cc"))),
                    hex("03 000064 000001 08 01000000 aa  83 000014 bb  c3 cc"), false),
            new ChunkRow("fmt 1 with an extended delta, repeated by fmt 3",
                    List.of(msg(7, 1, 9, 10, hex("01")), msg(7, 1, 9, 10 + 0x01000000L, hex("02")),
                            msg(7, 1, 9, 10 + 0x02000000L, hex("03"))),
                    hex("07 00000a 000001 09 01000000 01  47 ffffff 000001 09 01000000 02  c7 01000000 03"), false),
            new ChunkRow("timestamp delta wraps at 32 bits",
                    List.of(msg(3, 1, 8, 0xFFFFFFF0L, hex("aa")), msg(3, 1, 8, 0x10, hex("bb"))),
                    hex("03 ffffff 000001 08 01000000 fffffff0 aa  83 000020 bb"), false));

    static final List<ControlRow> CONTROL_ROWS = List.of(
            new ControlRow("Set Chunk Size 4096", new SetChunkSize(4096),
                    hex("02 000000 000004 01 00000000 00001000")),
            new ControlRow("Abort Message csid 4", new AbortMessage(4),
                    hex("02 000000 000004 02 00000000 00000004")),
            new ControlRow("Acknowledgement 0x12345678", new Acknowledgement(0x12345678L),
                    hex("02 000000 000004 03 00000000 12345678")),
            new ControlRow("Window Acknowledgement Size 2500000", new WindowAcknowledgementSize(2_500_000L),
                    hex("02 000000 000004 05 00000000 002625a0")),
            new ControlRow("Set Peer Bandwidth 2500000 dynamic",
                    new SetPeerBandwidth(2_500_000L, SetPeerBandwidth.DYNAMIC),
                    hex("02 000000 000005 06 00000000 002625a0 02")),
            new ControlRow("User Control Stream Begin 1", new UserControlMessage.StreamBegin(1),
                    hex("02 000000 000006 04 00000000 0000 00000001")),
            new ControlRow("User Control Ping Request", new UserControlMessage.PingRequest(0xCAFEBABEL),
                    hex("02 000000 000006 04 00000000 0006 cafebabe")),
            new ControlRow("User Control Ping Response", new UserControlMessage.PingResponse(0xCAFEBABEL),
                    hex("02 000000 000006 04 00000000 0007 cafebabe")),
            new ControlRow("User Control Set Buffer Length (kept raw)",
                    new UserControlMessage.OtherEvent(3, hex("00000001 00000bb8")),
                    hex("02 000000 00000a 04 00000000 0003 00000001 00000bb8")));

    /** Every row's bytes, for the fuzz seeds. */
    static List<byte[]> seeds() {
        return java.util.stream.Stream.concat(
                CHUNK_ROWS.stream().map(ChunkRow::bytes),
                CONTROL_ROWS.stream().map(ControlRow::bytes)).toList();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
