package io.stereotype.infra;

import java.util.Set;

/** Environment variables that no Stereotype code reads because the runtime under it does. Keep this short. */
final class KnownVariables {
    /**
     * TF_CPP_MIN_LOG_LEVEL: TensorFlow's native logging; TF_FORCE_GPU_ALLOW_GROWTH: TensorFlow's GPU allocator takes
     * memory as needed instead of the whole device; JDK_JAVA_OPTIONS: the java launcher's options.
     */
    static final Set<String> RUNTIME = Set.of("TF_CPP_MIN_LOG_LEVEL", "TF_FORCE_GPU_ALLOW_GROWTH", "JDK_JAVA_OPTIONS");

    private KnownVariables() {
    }
}
