package io.glass2glass.player.abr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbrAlgorithmsTest {

    @Test
    void createsEachAlgorithmByItsName() {
        assertInstanceOf(ThroughputAbr.class, AbrAlgorithms.create("throughput"));
        assertInstanceOf(BolaAbr.class, AbrAlgorithms.create("bola"));
        assertInstanceOf(DynamicAbr.class, AbrAlgorithms.create("dynamic"));
        AbrAlgorithm fixed = AbrAlgorithms.create("fixed:720p");
        assertInstanceOf(FixedAbr.class, fixed);
        assertEquals("fixed:720p", fixed.name());
        for (String name : new String[] {"throughput", "bola", "dynamic"}) {
            assertEquals(name, AbrAlgorithms.create(name).name());
        }
    }

    @Test
    void everyPlayerGetsItsOwnInstance() {
        assertNotSame(AbrAlgorithms.create("bola"), AbrAlgorithms.create("bola"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bba", "Throughput", "fixed", "l2a"})
    void anUnknownNameIsAnErrorListingTheValidChoices(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AbrAlgorithms.create(spec));
        assertTrue(e.getMessage().contains("throughput, bola, dynamic, fixed:{renditionId}"), e.getMessage());
    }

    @Test
    void fixedNeedsARenditionId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AbrAlgorithms.create("fixed:"));
        assertTrue(e.getMessage().contains("fixed:720p"), e.getMessage());
    }
}
