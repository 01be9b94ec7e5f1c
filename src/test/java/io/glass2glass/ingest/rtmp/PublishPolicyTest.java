package io.glass2glass.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishPolicyTest {

    private static final PublishPolicy LOOPBACK_ONLY = new PublishPolicy(Optional.empty());
    private static final PublishPolicy KEYED = new PublishPolicy(Optional.of(Map.of("s3cret-key", "cam1", "bad-target", "a/b")));

    @Test
    void withoutKeysALoopbackPublisherPublishesToTheStreamNamedByItsKey() throws Exception {
        assertEquals(new PublishPolicy.Decision.Allowed("cam1"), LOOPBACK_ONLY.decide("cam1", ip("127.0.0.1")));
        assertEquals(new PublishPolicy.Decision.Allowed("cam1"), LOOPBACK_ONLY.decide("cam1", ip("127.8.9.10")));
        assertEquals(new PublishPolicy.Decision.Allowed("cam_2-b"), LOOPBACK_ONLY.decide("cam_2-b", ip("::1")));
    }

    @Test
    void withoutKeysANonLoopbackPublisherIsRefused() throws Exception {
        for (String address : new String[] {"192.168.1.20", "10.0.0.1", "2001:db8::1", "::ffff:192.168.1.20", "0.0.0.0"}) {
            PublishPolicy.Decision d = LOOPBACK_ONLY.decide("cam1", ip(address));
            assertInstanceOf(PublishPolicy.Decision.Refused.class, d, address);
        }
        assertInstanceOf(PublishPolicy.Decision.Refused.class, LOOPBACK_ONLY.decide("cam1", null), "unknown peer");
    }

    @Test
    void keysFileMapsAKeyToItsStreamFromAnyAddress() throws Exception {
        assertEquals(new PublishPolicy.Decision.Allowed("cam1"), KEYED.decide("s3cret-key", ip("192.168.1.20")));
        assertEquals(new PublishPolicy.Decision.Allowed("cam1"), KEYED.decide("s3cret-key", ip("127.0.0.1")));
    }

    @Test
    void keysFileRefusesAnUnknownKeyEvenFromLoopbackWithoutNamingIt() throws Exception {
        PublishPolicy.Decision byName = KEYED.decide("cam1", ip("127.0.0.1"));
        assertInstanceOf(PublishPolicy.Decision.Refused.class, byName, "a stream name is not a key");
        PublishPolicy.Decision wrong = KEYED.decide("s3cret-kez", ip("127.0.0.1"));
        assertInstanceOf(PublishPolicy.Decision.Refused.class, wrong);
        assertFalse(((PublishPolicy.Decision.Refused) wrong).reason().contains("s3cret"), "the reason must not log the key");
        assertInstanceOf(PublishPolicy.Decision.Refused.class, KEYED.decide(null, ip("127.0.0.1")));
    }

    @Test
    void keysFileReadByTheOptionsDrivesThePolicy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# key stream\nk-1 studio\n\n  k-2   field_cam  \n");
        PublishPolicy policy = PublishPolicy.of(RtmpIngestOptions.of("127.0.0.1", 0).withKeysFile(file));
        assertEquals(new PublishPolicy.Decision.Allowed("studio"), policy.decide("k-1", ip("10.1.2.3")));
        assertEquals(new PublishPolicy.Decision.Allowed("field_cam"), policy.decide("k-2", ip("10.1.2.3")));
        assertInstanceOf(PublishPolicy.Decision.Refused.class, policy.decide("studio", ip("10.1.2.3")));
    }

    @Test
    void invalidStreamNamesAreRefused() throws Exception {
        String tooLong = "a".repeat(65);
        for (String name : new String[] {"", "a/b", "../x", "cam 1", "cam1?x=1", "caméra", tooLong}) {
            assertInstanceOf(PublishPolicy.Decision.Refused.class, LOOPBACK_ONLY.decide(name, ip("127.0.0.1")), name);
        }
        assertEquals(new PublishPolicy.Decision.Allowed("a".repeat(64)), LOOPBACK_ONLY.decide("a".repeat(64), ip("127.0.0.1")));
        assertInstanceOf(PublishPolicy.Decision.Refused.class, KEYED.decide("bad-target", ip("127.0.0.1")),
                "a keys file entry naming an unusable stream");
    }

    /** Parses an address literal (no name lookup). */
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
