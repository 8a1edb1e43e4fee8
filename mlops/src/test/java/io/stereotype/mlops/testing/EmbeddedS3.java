package io.stereotype.mlops.testing;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.stereotype.mlops.storage.S3Settings;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real S3 server (S3Proxy, in-memory blob store) running inside the test JVM on a free port,
 * plus a MinIO client for the tests' own assertions on the bucket.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "stereotype-test";
    public static final String SECRET_KEY = "stereotype-test-secret";

    private final S3Proxy proxy;
    private final S3Settings settings;
    private final MinioClient client;

    private EmbeddedS3(S3Proxy proxy, S3Settings settings, MinioClient client) {
        this.proxy = proxy;
        this.settings = settings;
        this.client = client;
    }

    public static EmbeddedS3 start() throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", new Properties()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        S3Settings settings = new S3Settings("http://127.0.0.1:" + proxy.getPort(), ACCESS_KEY, SECRET_KEY, S3Settings.DEFAULT_REGION);
        MinioClient client = MinioClient.builder().endpoint(settings.endpoint())
                .credentials(ACCESS_KEY, SECRET_KEY).region(settings.region()).build();
        return new EmbeddedS3(proxy, settings, client);
    }

    /** Settings to give the code under test. */
    public S3Settings settings() {
        return settings;
    }

    public String endpoint() {
        return settings.endpoint();
    }

    /** A MinIO client of the tests' own, for assertions on the bucket. */
    public MinioClient client() {
        return client;
    }

    /** Creates the bucket unless it exists; returns its name. */
    public String bucket(String name) throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(name).build());
        }
        return name;
    }

    /** Every key in the bucket under the prefix, sorted. */
    public List<String> keys(String bucket, String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys.stream().sorted().toList();
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
