package org.dataprune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void acceptsSeparateOrSpaceJoinedKeyValues() {
        Arguments a = Arguments.parse(new String[] {"epochs=5 warmup=3", "lo=0.1"});
        assertEquals(5, a.intValue("epochs", 10));
        assertEquals(3, a.intValue("warmup", 2));
        assertEquals(0.1, a.doubleValue("lo", 0.48), 0.0);
        assertEquals(0.98, a.doubleValue("hi", 0.98), 0.0);
        assertEquals(10, Arguments.parse(new String[] {""}).intValue("epochs", 10));
    }

    @Test
    void rejectsMalformedArguments() {
        assertThrows(IllegalArgumentException.class, () -> Arguments.parse(new String[] {"epochs"}));
        assertThrows(IllegalArgumentException.class,
                () -> Arguments.parse(new String[] {"epochs=ten"}).intValue("epochs", 1));
    }
}
