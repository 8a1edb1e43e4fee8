package io.stereotype.kestra;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class TrainerLogConsumerTest {
    @Test
    void tensorFlowNativeNoticesKeepTheirSeverity() {
        assertThat(TrainerLogConsumer.nativeLevel(
            "I0000 00:00:1795929368.505943   18003 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled"),
            is(Level.INFO));
        assertThat(TrainerLogConsumer.nativeLevel(
            "W0000 00:00:1795929368.505943   18003 cpu_feature_guard.cc:42] some kernels are slow"), is(Level.WARN));
        assertThat(TrainerLogConsumer.nativeLevel("E1129 05:16:06.123456 18003 session.cc:12] failed"), is(Level.ERROR));
        assertThat(TrainerLogConsumer.nativeLevel(
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"), is(Level.INFO));
    }

    @Test
    void theTrainersOwnErrorsAndStackTracesStayErrors() {
        assertThat(TrainerLogConsumer.nativeLevel("error: prep failed: invalid data set /data (2 problems):"), nullValue());
        assertThat(TrainerLogConsumer.nativeLevel("\tat io.stereotype.trainer.Prep.run(Prep.java:42)"), nullValue());
        assertThat(TrainerLogConsumer.nativeLevel("I think this is not a native line"), nullValue());
    }
}
