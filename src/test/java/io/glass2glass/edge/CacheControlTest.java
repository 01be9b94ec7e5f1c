package io.glass2glass.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CacheControlTest {

    @Test
    void readsDurationsAndFlagsAcrossFieldLines() {
        CacheControl cc = CacheControl.parse(List.of("public, max-age=60", "S-MAXAGE=30 , stale-while-revalidate=5,stale-if-error=\"10\""));
        assertTrue(cc.isPublic());
        assertEquals(60, cc.maxAge());
        assertEquals(30, cc.sMaxAge());
        assertEquals(5, cc.staleWhileRevalidate());
        assertEquals(10, cc.staleIfError());
        assertFalse(cc.noStore() || cc.noCache() || cc.isPrivate() || cc.forbidsStale());
    }

    @Test
    void quotedArgumentsMayHoldCommas() {
        CacheControl cc = CacheControl.parse(List.of("no-cache=\"set-cookie, x-a\", max-age=5, private=\"x\""));
        assertTrue(cc.noCache());
        assertTrue(cc.isPrivate());
        assertEquals(5, cc.maxAge());
        assertTrue(cc.forbidsStale());
    }

    @Test
    void firstOccurrenceWinsAndBadNumbersMeanStale() {
        assertEquals(10, CacheControl.parse(List.of("max-age=10, max-age=99")).maxAge());
        assertEquals(0, CacheControl.parse(List.of("max-age=ten")).maxAge());
        assertEquals(0, CacheControl.parse(List.of("max-age")).maxAge());
        assertEquals(0, CacheControl.parse(List.of("max-age=-5")).maxAge());
        assertEquals(2_147_483_648L, CacheControl.parse(List.of("max-age=99999999999999999999")).maxAge());
    }

    @Test
    void absentDirectivesAreMinusOne() {
        CacheControl cc = CacheControl.parse(List.of());
        assertEquals(CacheControl.NONE, cc);
        assertEquals(-1, cc.maxAge());
        assertTrue(CacheControl.parse(List.of("must-revalidate")).forbidsStale());
        assertTrue(CacheControl.parse(List.of("proxy-revalidate")).forbidsStale());
        assertTrue(CacheControl.parse(List.of("no-store")).noStore());
    }
}
