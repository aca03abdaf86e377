package org.dataprune4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.base.Strings;
import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void formatsAsGuavaDoes() {
        Object[][] cases = {{"%s of %s", 1, 2}, {"no placeholder", 3}, {"%s and %s", 1}, {"100% sure: %s", "x"},
                {"%s", null}, {"plain"}};
        for (Object[] c : cases) {
            Object[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertEquals(Strings.lenientFormat((String) c[0], args), Checks.format((String) c[0], args));
        }
    }

    @Test
    void throwsOnlyWhenTheConditionFails() {
        Checks.checkArgument(true, "never %s", "thrown");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.checkArgument(false, "%s epochs, at least %s", 0, 1));
        assertEquals("0 epochs, at least 1", e.getMessage());
    }
}
