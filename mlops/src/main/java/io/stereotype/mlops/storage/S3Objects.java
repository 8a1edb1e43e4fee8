package io.stereotype.mlops.storage;

import io.minio.CopyObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import io.stereotype.mlops.Failures;
import io.stereotype.mlops.Retrier;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceAccessDeniedException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The object operations the S3 store needs, each retried on transient failures and with S3 error
 * codes translated into this module's exceptions. Knows nothing about folders or markers.
 */
final class S3Objects {
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchBucket", "NoSuchObject");
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "SlowDown", "ServiceUnavailable", "RequestTimeout");
    /** Answers that refuse the credentials or their rights: the same request will be refused again. */
    private static final Set<String> ACCESS_DENIED = Set.of("SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied",
            "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed", "AllAccessDisabled");
    /** The settings a user fixes when S3 refuses access. */
    private static final String CREDENTIAL_SETTINGS = "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that this key may use the bucket";
    /** S3 deletes at most 1000 keys per request. */
    private static final int DELETE_BATCH = 1000;

    private final MinioClient client;
    private final String endpoint;
    private final Retrier retrier;

    S3Objects(MinioClient client, String endpoint, RetryPolicy retryPolicy) {
        this.client = client;
        this.endpoint = endpoint;
        this.retrier = new Retrier("S3", endpoint, retryPolicy, S3Objects::isTransient);
    }

    boolean exists(S3Location object) {
        try {
            call("stat", object, () -> client.statObject(StatObjectArgs.builder().bucket(object.bucket()).object(object.key()).build()));
            return true;
        } catch (ArtifactNotFoundException missing) {
            return false;
        }
    }

    /** Streams the object into {@code file}; the whole transfer is retried, so a dropped connection restarts it. */
    void download(S3Location object, Path file) {
        call("download", object, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(object.bucket()).object(object.key()).build())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
    }

    byte[] read(S3Location object) {
        return call("read", object, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(object.bucket()).object(object.key()).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Uploads a local file; it is reopened on each attempt, and a missing or unreadable file is not retried. */
    void upload(Path file, S3Location object) {
        call("upload", object, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                return client.putObject(PutObjectArgs.builder().bucket(object.bucket()).object(object.key())
                        .stream(in, Files.size(file), -1L).build());
            }
        });
    }

    void write(byte[] content, S3Location object) {
        call("write", object, () -> client.putObject(PutObjectArgs.builder().bucket(object.bucket()).object(object.key())
                .stream(new ByteArrayInputStream(content), (long) content.length, -1L).build()));
    }

    /** Server-side copy within the service: the bytes do not travel through this JVM. Objects up to 5 GiB. */
    void copy(S3Location source, S3Location target) {
        call("copy", target, () -> client.copyObject(CopyObjectArgs.builder().bucket(target.bucket()).object(target.key())
                .source(SourceObject.builder().bucket(source.bucket()).object(source.key()).build()).build()));
    }

    /** Every key that starts with {@code prefix} (a "folder" prefix ends with '/'), in the service's (lexical) order. */
    List<String> keysStartingWith(String bucket, String prefix) {
        return call("list", new S3Location(bucket, prefix), () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
                keys.add(result.get().objectName());
            }
            return keys;
        });
    }

    void remove(String bucket, List<String> keys) {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<DeleteRequest.Object> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(DeleteRequest.Object::new).toList();
            call("delete", new S3Location(bucket, keys.get(from)), () -> {
                // the results are lazy: iterating them is what sends the request
                for (Result<DeleteResult.Error> result : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                    DeleteResult.Error error = result.get();
                    throw new ArtifactStoreException("S3 delete of s3://" + bucket + "/" + error.objectName()
                            + " failed: " + error.code() + ": " + error.message(), null);
                }
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws MinioException, IOException;
    }

    private <T> T call(String operation, S3Location location, S3Call<T> call) {
        try {
            return retrier.call(operation + " " + location, call::run);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw translate(operation, location, e);
        }
    }

    private RuntimeException translate(String operation, S3Location location, Exception failure) {
        String what = "S3 " + operation + " of " + location + " failed";
        return switch (failure) {
            case ErrorResponseException e when MISSING.contains(e.errorResponse().code()) ->
                    new ArtifactNotFoundException(location.toUri(), e.errorResponse().code(), e);
            case ErrorResponseException e when ACCESS_DENIED.contains(e.errorResponse().code()) ->
                    new ServiceAccessDeniedException("S3", endpoint, e.errorResponse().code() + " on " + operation + " of " + location,
                            CREDENTIAL_SETTINGS, e);
            case ErrorResponseException e ->
                    new ArtifactStoreException(what + ": " + e.errorResponse().code() + ": " + e.errorResponse().message(), e);
            case IOException e -> new UncheckedIOException(what + " on a local file: " + e, e);
            default -> new ArtifactStoreException(what + ": " + Failures.rootMessage(failure), failure);
        };
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof ServerException server) {
            return server.statusCode() >= 500 || server.statusCode() == 429;
        }
        if (failure instanceof ErrorResponseException error) {
            return TRANSIENT_CODES.contains(error.errorResponse().code());
        }
        return Failures.isNetworkFailure(failure);
    }
}
