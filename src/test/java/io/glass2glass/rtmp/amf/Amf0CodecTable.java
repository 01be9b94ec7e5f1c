package io.glass2glass.rtmp.amf;

import java.util.HexFormat;
import java.util.List;

/**
 * The one table of (name, decoded value, exact bytes) that drives the AMF0 decoder test, the
 * encoder test and the fuzz seeds (AMF0 specification §2). Bytes were produced independently of
 * the encoder (Python {@code struct.pack('>d', …)} and hand-assembled markers).
 */
final class Amf0CodecTable {

    /** One row: what the value is, and exactly how it looks on the wire. */
    record Amf0Case(String name, Amf0Value value, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final int LONG_STRING_BYTES = 70_000;

    static final Amf0Object CONNECT_OBJECT = Amf0Object.builder()
            .put("app", "live")
            .put("type", "nonprivate")
            .put("flashVer", "FMLE/3.0 (compatible; Lavf61.7.100)")
            .put("tcUrl", "rtmp://127.0.0.1:1935/live")
            .build();

    static final String CONNECT_OBJECT_HEX = hex(
            "03",
            "0003 617070", "02 0004 6c697665",
            "0004 74797065", "02 000a 6e6f6e70726976617465",
            "0008 666c617368566572",
            "02 0023 464d4c452f332e302028636f6d70617469626c653b204c61766636312e372e31303029",
            "0005 746355726c", "02 001a 72746d703a2f2f3132372e302e302e313a313933352f6c697665",
            "0000 09");

    /** {@code ["connect", 1.0, {app, type, flashVer, tcUrl}]} as ffmpeg sends it. */
    static final String CONNECT_COMMAND_HEX = hex("02 0007 636f6e6e656374", "00 3ff0000000000000", CONNECT_OBJECT_HEX);

    private Amf0CodecTable() {
    }

    static List<Amf0Case> cases() {
        return List.of(
                row("number 0", new Amf0Number(0), "00 0000000000000000"),
                row("number 1.5", new Amf0Number(1.5), "00 3ff8000000000000"),
                row("number -1", new Amf0Number(-1), "00 bff0000000000000"),
                row("number 1920", new Amf0Number(1920), "00 409e000000000000"),
                row("boolean true", new Amf0Boolean(true), "01 01"),
                row("boolean false", new Amf0Boolean(false), "01 00"),
                row("empty string", new Amf0String(""), "02 0000"),
                row("ascii string", new Amf0String("live"), "02 0004 6c697665"),
                row("non-ASCII string", new Amf0String("Grüße 日本 ✓"),
                        "02 0012 4772c3bcc39f6520e697a5e69cac20e29c93"),
                row("string of 65535 bytes", new Amf0String("b".repeat(0xFFFF)), "02 ffff" + "62".repeat(0xFFFF)),
                row("long string of 70000 bytes", new Amf0String("a".repeat(LONG_STRING_BYTES)),
                        "0c 00011170" + "61".repeat(LONG_STRING_BYTES)),
                row("null", Amf0Null.INSTANCE, "05"),
                row("undefined", Amf0Undefined.INSTANCE, "06"),
                row("date 2023-11-14T22:13:20Z", new Amf0Date(1_700_000_000_000.0, (short) 0),
                        "0b 4278bcfe56800000 0000"),
                row("date epoch with time zone -60", new Amf0Date(0, (short) -60), "0b 0000000000000000 ffc4"),
                row("empty object", Amf0Object.builder().build(), "03 0000 09"),
                row("connect command object", CONNECT_OBJECT, CONNECT_OBJECT_HEX),
                row("onMetaData ECMA array", Amf0EcmaArray.builder()
                                .put("width", 1920)
                                .put("height", 1080)
                                .put("videocodecid", 7)
                                .put("audiocodecid", 10)
                                .put("encoder", "Lavf")
                                .build(),
                        hex("08 00000005",
                                "0005 7769647468", "00 409e000000000000",
                                "0006 686569676874", "00 4090e00000000000",
                                "000c 766964656f636f6465636964", "00 401c000000000000",
                                "000c 617564696f636f6465636964", "00 4024000000000000",
                                "0007 656e636f646572", "02 0004 4c617666",
                                "0000 09")),
                row("empty ECMA array", Amf0EcmaArray.builder().build(), "08 00000000 0000 09"),
                row("strict array", Amf0StrictArray.of(new Amf0Number(1.5), new Amf0String("live"),
                                new Amf0Boolean(true)),
                        "0a 00000003 00 3ff8000000000000 02 0004 6c697665 01 01"),
                row("empty strict array", Amf0StrictArray.of(), "0a 00000000"),
                row("nested objects", Amf0Object.builder()
                                .put("level", "status")
                                .put("code", "NetStream.Publish.Start")
                                .put("inner", Amf0Object.builder()
                                        .put("items", Amf0StrictArray.of(new Amf0Number(1), Amf0Null.INSTANCE))
                                        .put("count", Amf0EcmaArray.builder().put("width", 1920).build())
                                        .build())
                                .build(),
                        hex("03",
                                "0005 6c6576656c", "02 0006 737461747573",
                                "0004 636f6465", "02 0017 4e657453747265616d2e5075626c6973682e5374617274",
                                "0005 696e6e6572", "03",
                                "0005 6974656d73", "0a 00000002 00 3ff0000000000000 05",
                                "0005 636f756e74", "08 00000001 0005 7769647468 00 409e000000000000 0000 09",
                                "0000 09",
                                "0000 09")));
    }

    /** Parses hex written with spaces between fields for readability. */
    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(String... fields) {
        return String.join("", fields).replace(" ", "");
    }

    private static Amf0Case row(String name, Amf0Value value, String hex) {
        return new Amf0Case(name, value, bytes(hex));
    }
}
