package io.stereotype.mlops.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link EmbeddedS3} (parameter of a test, lifecycle method or constructor). One
 * server is started per test run, shared by every test class that uses it, and stopped at the end.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedS3Extension.class)
 * class MyTest {
 *     @Test void stores(EmbeddedS3 s3) { String bucket = s3.bucket("data"); ... }
 * }
 * }</pre>
 */
public final class EmbeddedS3Extension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedS3Extension.class);

    /** The shared server, started on first request; JUnit closes it when the test run ends. */
    static EmbeddedS3 shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EmbeddedS3.class, type -> {
            try {
                return EmbeddedS3.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded S3 server (S3Proxy): " + e, e);
            }
        }, EmbeddedS3.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedS3.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }
}
