package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glass2glass.media.ObjectKind;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Storing, lifetimes and stale windows (RFC 9111 §3, §4.2; RFC 5861) and age (§4.2.3), without a network. */
class CachePolicyTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final CachePolicy FOLLOW = new CachePolicy(EdgeHarness.profile().build());
    private static final CachePolicy LIVE = new CachePolicy(EdgeProfile.load("cdn-live"));

    @ParameterizedTest(name = "{0} {1} -> storable {2}, {3} s")
    @CsvSource(delimiter = '|', value = {
        "200|max-age=10|true|10",
        "200|s-maxage=5, max-age=10|true|5",
        "200|max-age=0|true|0",
        "200||false|0",
        "200|public|false|0",
        "200|no-store, max-age=10|false|0",
        "200|private, max-age=10|false|0",
        "203|max-age=10|true|10",
        "204|max-age=10|true|10",
        "301|max-age=10|true|10",
        "302|max-age=10|true|10",
        "302||false|0",
        "206|max-age=10|false|0",
        "403|max-age=10|true|10",
        "404|max-age=10|false|0",
        "503|max-age=10|false|0",
    })
    void followingTheOrigin(int status, String cacheControl, boolean storable, long lifetimeSeconds) {
        CachePolicy.Verdict v = FOLLOW.evaluate(ObjectKind.SEGMENT, status, headers(cacheControl), NOW);
        assertEquals(storable, v.storable());
        assertEquals(lifetimeSeconds * 1000, v.freshness().lifetimeMillis());
    }

    @Test
    void aValidatorMakesAResponseWithoutLifetimeStorableForRevalidation() {
        MultiMap h = headers(null).add("ETag", "\"x\"");
        CachePolicy.Verdict v = FOLLOW.evaluate(ObjectKind.SEGMENT, 200, h, NOW);
        assertTrue(v.storable());
        assertEquals(0, v.freshness().lifetimeMillis());
    }

    @Test
    void expiresMinusDateWhenNoMaxAge() {
        MultiMap h = headers(null).add("Date", HttpDate.format(NOW)).add("Expires", HttpDate.format(NOW + 30_000));
        assertEquals(30_000, FOLLOW.evaluate(ObjectKind.SEGMENT, 200, h, NOW).freshness().lifetimeMillis());
        MultiMap past = headers(null).add("Expires", "0");
        CachePolicy.Verdict v = FOLLOW.evaluate(ObjectKind.SEGMENT, 200, past, NOW);
        assertTrue(v.storable());
        assertEquals(0, v.freshness().lifetimeMillis());
    }

    @Test
    void profileTtlsReplaceTheOriginsLifetimeButNotItsPrivacy() {
        assertEquals(86_400_000, LIVE.evaluate(ObjectKind.SEGMENT, 200, headers("max-age=31536000"), NOW).freshness().lifetimeMillis());
        assertEquals(1_000, LIVE.evaluate(ObjectKind.MEDIA_PLAYLIST, 200, headers(null), NOW).freshness().lifetimeMillis());
        assertFalse(LIVE.evaluate(ObjectKind.SEGMENT, 200, headers("no-store"), NOW).storable());
        assertFalse(LIVE.evaluate(ObjectKind.SEGMENT, 200, headers("private"), NOW).shareable());
        assertTrue(LIVE.evaluate(ObjectKind.SEGMENT, 200, headers("no-cache"), NOW).freshness().revalidateEachUse());
    }

    @Test
    void errorsAreClassErrorWithTheNegativeTtlAndNeverServedStale() {
        for (int status : List.of(404, 410, 500, 502, 503, 504)) {
            CachePolicy.Verdict v = LIVE.evaluate(ObjectKind.SEGMENT, status, headers("max-age=600, stale-if-error=60"), NOW);
            assertEquals(ObjectKind.ERROR, v.objectClass());
            assertTrue(v.storable(), "status " + status);
            assertEquals(new Freshness(1_000, 0, 0, false), v.freshness());
        }
        assertEquals(ObjectKind.SEGMENT, CachePolicy.classOf(ObjectKind.SEGMENT, 403));
    }

    @Test
    void staleWindowsComeFromTheProfileElseTheOriginAndNeverWithMustRevalidate() {
        String origin = "max-age=1, stale-while-revalidate=30, stale-if-error=60";
        assertEquals(new Freshness(1_000, 30_000, 60_000, false),
                FOLLOW.evaluate(ObjectKind.SEGMENT, 200, headers(origin), NOW).freshness());
        assertEquals(new Freshness(1_000, 2_000, 10_000, false),
                LIVE.evaluate(ObjectKind.MPD, 200, headers(origin), NOW).freshness());
        for (String forbidding : List.of("must-revalidate", "proxy-revalidate", "no-cache")) {
            Freshness f = LIVE.evaluate(ObjectKind.MPD, 200, headers(origin + ", " + forbidding), NOW).freshness();
            assertEquals(0, f.staleWhileRevalidateMillis(), forbidding);
            assertEquals(0, f.staleIfErrorMillis(), forbidding);
        }
    }

    @Test
    void varyStarIsNeitherStoredNorShared() {
        CachePolicy.Verdict v = FOLLOW.evaluate(ObjectKind.SEGMENT, 200, headers("max-age=60").add("Vary", "Accept, *"), NOW);
        assertFalse(v.shareable());
        assertFalse(v.storable());
        assertEquals(List.of("accept", "*"), v.vary());
    }

    @Test
    void ageCountsTheOriginsAgeTheDelayAndADateOlderThanItsResolution() {
        assertEquals(30_200, CacheEntry.correctedInitialAgeMillis(headers(null).add("Age", "30"), NOW - 200, NOW));
        assertEquals(0, CacheEntry.correctedInitialAgeMillis(headers(null).add("Date", HttpDate.format(NOW - 900)), NOW, NOW));
        assertEquals(9_000, CacheEntry.correctedInitialAgeMillis(headers(null).add("Date", HttpDate.format(NOW - 10_000)), NOW, NOW));
        assertEquals(0, CacheEntry.correctedInitialAgeMillis(headers(null).add("Age", "soon"), NOW, NOW));
    }

    @Test
    void anEntryIsFreshThenServableWhileRevalidatingThenOnlyOnError() {
        CacheEntry entry = new CacheEntry("/x.m4s", ObjectKind.SEGMENT, 200, headers("max-age=1"), List.of(), 0, Map.of(),
                NOW, 0, new Freshness(1_000, 2_000, 5_000, false));
        assertTrue(entry.isFresh(NOW + 999));
        assertFalse(entry.isFresh(NOW + 1_000));
        assertTrue(entry.usableWhileRevalidating(NOW + 2_999));
        assertFalse(entry.usableWhileRevalidating(NOW + 3_000));
        assertTrue(entry.usableOnError(NOW + 5_999));
        assertFalse(entry.usableOnError(NOW + 6_000));
        assertEquals(2, entry.ageSeconds(NOW + 2_999));
    }

    private static MultiMap headers(String cacheControl) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        if (cacheControl != null && !cacheControl.isEmpty()) {
            h.add("Cache-Control", cacheControl);
        }
        return h;
    }
}
