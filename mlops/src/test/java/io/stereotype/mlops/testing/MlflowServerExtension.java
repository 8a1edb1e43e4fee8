package io.stereotype.mlops.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link MlflowServer} (and its {@link EmbeddedS3}) as parameters. One server
 * is started per test run, shared by every test class that uses it, and stopped (with its worker
 * processes) when the run ends. The first start may create the virtualenv, which takes a minute or two.
 * It also resolves the {@link EmbeddedS3} behind the server: do not register {@link EmbeddedS3Extension}
 * on the same class.
 *
 * <pre>{@code
 * @ExtendWith(MlflowServerExtension.class)
 * class MyTest {
 *     @Test void tracks(MlflowServer mlflow) { var uri = mlflow.trackingUri(); ... }
 * }
 * }</pre>
 */
public final class MlflowServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MlflowServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MlflowServer.class || type == EmbeddedS3.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedS3.class ? EmbeddedS3Extension.shared(context) : shared(context);
    }

    private static MlflowServer shared(ExtensionContext context) {
        EmbeddedS3 s3 = EmbeddedS3Extension.shared(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(MlflowServer.class, type -> {
            try {
                return MlflowServer.start(s3);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the MLflow test server: " + e.getMessage(), e);
            }
        }, MlflowServer.class);
    }
}
