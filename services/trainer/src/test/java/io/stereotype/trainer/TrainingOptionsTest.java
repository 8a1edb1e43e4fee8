package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.stereotype.core.train.TrainingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Flag over configuration ({@code stereotype.training.*}) over the defaults, parsed by picocli in this JVM. */
class TrainingOptionsTest {
    @Command(name = "step")
    static class Step {
        @Mixin
        TrainingOptions training;
    }

    static TrainingConfig resolve(Map<String, String> configured, String... args) {
        Step step = new Step();
        new CommandLine(step).parseArgs(args);
        return step.training.resolve(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(configured, "test", 500)).build());
    }

    @Test
    void withoutFlagsOrConfigurationTheDefaultsHold() {
        assertEquals(TrainingConfig.defaults(), resolve(Map.of()));
    }

    @Test
    void configurationOverridesTheDefaultAndAFlagOverridesTheConfiguration() {
        Map<String, String> configured = Map.of("stereotype.training.masters", "5", "stereotype.training.mu", "0.5");
        TrainingConfig fromConfiguration = resolve(configured);
        assertEquals(5, fromConfiguration.masters());
        assertEquals(0.5f, fromConfiguration.mu());
        TrainingConfig fromFlag = resolve(configured, "--masters", "4");
        assertEquals(4, fromFlag.masters());
        assertEquals(0.5f, fromFlag.mu(), "a flag changes only its own field");
        assertEquals(TrainingConfig.defaults().bachelors(), fromFlag.bachelors());
    }

    @Test
    void epochsSetsBothUnlessOneIsGivenOnItsOwn() {
        TrainingConfig both = resolve(Map.of(), "--epochs", "7");
        assertEquals(7, both.doctorEpochs());
        assertEquals(7, both.studentEpochs());
        TrainingConfig doctorOwn = resolve(Map.of(), "--epochs", "7", "--doctor-epochs", "3");
        assertEquals(3, doctorOwn.doctorEpochs());
        assertEquals(7, doctorOwn.studentEpochs());
        TrainingConfig overConfiguration = resolve(Map.of("stereotype.training.studentEpochs", "9"), "--epochs", "2");
        assertEquals(2, overConfiguration.studentEpochs());
    }

    @Test
    void rawSumTurnsOffStandardisedTerms() {
        assertTrue(resolve(Map.of()).standardizeTerms());
        assertFalse(resolve(Map.of(), "--raw-sum").standardizeTerms());
        assertFalse(resolve(Map.of("stereotype.training.standardizeTerms", "false")).standardizeTerms());
        assertTrue(resolve(Map.of("stereotype.training.standardizeTerms", "false"), "--raw-sum=false").standardizeTerms());
    }

    @Test
    void enumFlagsAreCaseInsensitive() {
        TrainingConfig config = resolve(Map.of(), "--network", "wide", "--compactness", "dimensions");
        assertEquals("WIDE", config.network().name());
        assertEquals("DIMENSIONS", config.compactness().name());
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheField() {
        ExitCodes.UsageException flag = assertThrows(ExitCodes.UsageException.class, () -> resolve(Map.of(), "--mu", "2"));
        assertEquals("invalid training config: mu (between 0 and 1) = 2.0", flag.getMessage());
        ExitCodes.UsageException configured = assertThrows(ExitCodes.UsageException.class,
                () -> resolve(Map.of("stereotype.training.masters", "many")));
        assertTrue(configured.getMessage().startsWith("invalid training config: masters = many"), configured.getMessage());
    }
}
