package io.stereotype.infra;

import java.util.Set;

/** Environment variables that no Stereotype code reads because the runtime under it does. Keep this short. */
final class KnownVariables {
    /** TF_CPP_MIN_LOG_LEVEL: TensorFlow's native logging; JDK_JAVA_OPTIONS: the java launcher's options. */
    static final Set<String> RUNTIME = Set.of("TF_CPP_MIN_LOG_LEVEL", "JDK_JAVA_OPTIONS");

    private KnownVariables() {
    }
}
