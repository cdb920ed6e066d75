package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreDirectionTest {
    @ParameterizedTest
    @CsvSource({
        "ops/s, HIGHER_IS_BETTER", "ops/ms, HIGHER_IS_BETTER", "ops/us, HIGHER_IS_BETTER", "ops/ns, HIGHER_IS_BETTER",
        "ops/min, HIGHER_IS_BETTER", "MB/s, HIGHER_IS_BETTER", "GB/s, HIGHER_IS_BETTER", "MiB/s, HIGHER_IS_BETTER",
        "ns/op, LOWER_IS_BETTER", "us/op, LOWER_IS_BETTER", "ms/op, LOWER_IS_BETTER", "s/op, LOWER_IS_BETTER",
        "ns/chunk, LOWER_IS_BETTER", "min/op, LOWER_IS_BETTER",
    })
    void fromUnit(String unit, ScoreDirection expected) {
        assertEquals(expected, ScoreDirection.ofUnit(unit));
    }

    @ParameterizedTest
    @ValueSource(strings = {"B/op", "ops", "", "s/s", "#", "/s"})
    void refusesUnitsWithoutADirection(String unit) {
        assertThrows(IllegalArgumentException.class, () -> ScoreDirection.ofUnit(unit));
    }
}
