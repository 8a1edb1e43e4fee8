package io.stereotype.scorer.api;

import io.stereotype.scorer.config.ScorerConfig;
import io.stereotype.scorer.image.ImageHeader;
import io.stereotype.scorer.image.ImageRejectedException;
import io.stereotype.scorer.model.ModelHolder;
import io.stereotype.scorer.model.ModelLease;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Scores PNG and JPEG images with the serving model. */
@Path("/v1/score")
@ApiKeyRequired
@Tag(name = "scoring")
public class ScoreResource {
    static final String IMAGE_PNG = "image/png";
    static final String FORM_FIELD = "image";
    private static final String SUPPORTED = "send the image as the raw body (Content-Type image/png or image/jpeg)"
            + " or as multipart/form-data field '" + FORM_FIELD + "'";
    private static final String BATCH_SUPPORTED = "send multipart/form-data with one file part per image";

    private final Scoring scoring;
    private final ConcurrencyLimiter limiter;
    private final ModelHolder models;
    private final MeteredRequests requests;
    private final int maxBatchImages;

    public ScoreResource(Scoring scoring, ConcurrencyLimiter limiter, ModelHolder models, MeteredRequests requests, ScorerConfig config) {
        this.scoring = scoring;
        this.limiter = limiter;
        this.models = models;
        this.requests = requests;
        this.maxBatchImages = config.maxBatchImages();
    }

    @POST
    @Consumes("image/*")
    @Produces({MediaType.APPLICATION_JSON, IMAGE_PNG})
    @Operation(summary = "Score an image sent as the raw body",
            description = "JSON verdict; the anomaly map as a PNG overlay with ?map=true or Accept: image/png")
    public Response scoreBody(byte[] body, @RestQuery boolean map, HttpHeaders headers) {
        long received = System.nanoTime();
        return requests.handle("score", received, () -> scoreOne(new Upload(null, body), wantsMap(map, headers), received));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.APPLICATION_JSON, IMAGE_PNG})
    @Operation(summary = "Score an image sent as multipart form field 'image'")
    public Response scoreForm(@RestForm(FORM_FIELD) FileUpload image, @RestQuery boolean map, HttpHeaders headers) {
        long received = System.nanoTime();
        return requests.handle("score", received, () -> {
            requireMultipart(headers, SUPPORTED);
            if (image == null) {
                throw new ApiException(Status.BAD_REQUEST, "the multipart form has no file field '" + FORM_FIELD + "'");
            }
            return scoreOne(scoring.read(image), wantsMap(map, headers), received);
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Any other content type is refused with 415")
    public Response unsupported(HttpHeaders headers) {
        return requests.handle("score", System.nanoTime(), () -> {
            throw unsupportedType(headers, SUPPORTED);
        });
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Score several images sent as multipart files",
            description = "One entry per file part, in order: its verdict, or its status and error")
    public Response scoreBatch(@RestForm(FileUpload.ALL) List<FileUpload> images, HttpHeaders headers) {
        long received = System.nanoTime();
        return requests.handle("batch", received, () -> {
            requireMultipart(headers, BATCH_SUPPORTED);
            if (images.isEmpty()) {
                throw new ApiException(Status.BAD_REQUEST, "the multipart form has no files");
            }
            if (images.size() > maxBatchImages) {
                throw new ApiException(Status.REQUEST_ENTITY_TOO_LARGE,
                        "the batch has " + images.size() + " images; the limit is " + maxBatchImages);
            }
            try (ConcurrencyLimiter.Slot slot = limiter.acquire(); ModelLease lease = models.acquire()) {
                // every header first: a batch too costly to decode is refused before any pixel is
                List<BatchItem> refused = new ArrayList<>();
                List<Upload> uploads = new ArrayList<>();
                List<ImageHeader> inspected = new ArrayList<>();
                for (FileUpload image : images) {
                    try {
                        Upload upload = scoring.read(image);
                        inspected.add(scoring.inspect(lease.model(), upload));
                        uploads.add(upload);
                        refused.add(null);
                    } catch (ImageRejectedException e) {
                        uploads.add(null);
                        inspected.add(null);
                        refused.add(ImageError.of(image.fileName(), e));
                    }
                }
                scoring.checkBatch(inspected.stream().filter(Objects::nonNull).toList());
                List<BatchItem> items = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    items.add(refused.get(i) != null ? refused.get(i) : scoreItem(lease, uploads.get(i), inspected.get(i), received));
                }
                return Response.ok(items, MediaType.APPLICATION_JSON_TYPE).build();
            }
        });
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Any other content type is refused with 415")
    public Response unsupportedBatch(HttpHeaders headers) {
        return requests.handle("batch", System.nanoTime(), () -> {
            throw unsupportedType(headers, BATCH_SUPPORTED);
        });
    }

    private BatchItem scoreItem(ModelLease lease, Upload upload, ImageHeader header, long received) {
        try {
            return scoring.score(lease.model(), upload, header, false, received).result();
        } catch (ImageRejectedException e) {
            return ImageError.of(upload.fileName(), e);
        }
    }

    private Response scoreOne(Upload upload, boolean withMap, long received) {
        try (ConcurrencyLimiter.Slot slot = limiter.acquire(); ModelLease lease = models.acquire()) {
            ScoredImage scored = scoring.score(lease.model(), upload, withMap, received);
            return withMap ? overlayResponse(scored) : Response.ok(scored.result(), MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    /** The PNG carries the verdict in headers, so a client gets both from one request. */
    private static Response overlayResponse(ScoredImage scored) {
        ScoreResult result = scored.result();
        return Response.ok(scored.overlayPng(), IMAGE_PNG)
                .header("X-Score", result.score())
                .header("X-Label", result.label())
                .header("X-Threshold", result.threshold())
                .header("X-Model-Version", result.model().version())
                .build();
    }

    /** The map comes back when asked by ?map=true, or by an Accept header listing PNG but not JSON. */
    private static boolean wantsMap(boolean map, HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        boolean png = accepted.stream().anyMatch(type -> type.getType().equals("image") && type.getSubtype().equals("png"));
        boolean json = accepted.stream().anyMatch(type -> type.getSubtype().equals("json"));
        return map || png && !json;
    }

    /**
     * A request without a Content-Type, or with a wildcard one, is routed to a multipart method: it
     * gets the same 415 as any other type the service does not take.
     */
    private static void requireMultipart(HttpHeaders headers, String supported) {
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw unsupportedType(headers, supported);
        }
        if (!type.getParameters().containsKey("boundary")) {
            throw new ApiException(Status.BAD_REQUEST, "content type " + type + " has no boundary parameter; " + supported);
        }
    }

    private static ApiException unsupportedType(HttpHeaders headers, String supported) {
        String type = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE,
                (type == null ? "no content type given" : "content type " + type + " is not supported") + "; " + supported);
    }
}
