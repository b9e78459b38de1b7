package org.compliancekit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore.BlobInfo;
import org.compliancekit.store.BlobStore.BlobOutput;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** More keys than one S3 listing page or one DeleteObjects call may hold, with the default page and batch sizes. */
class S3BlobStoreScaleTest {
    private static final int KEYS = 1_010;

    @Test
    void listsAndDeletesMoreThanAThousandKeys() throws Exception {
        S3MockServer server = S3MockServer.shared();
        String bucket = "scale-" + UUID.randomUUID();
        List<SdkRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                sent.add(context.request());
            }
        };
        try (S3Client client = server.clientBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
                S3BlobStore store = S3BlobStore.builder(bucket).withClient(client).withKeyPrefix("tenant").build()) {
            client.createBucket(r -> r.bucket(bucket));
            List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> String.format("audit/%06d.json", i)).toList();
            writeAll(store, keys);

            sent.clear();
            try (Stream<BlobInfo> listed = store.list("audit/")) {
                assertThat(listed.map(BlobInfo::key)).containsExactlyElementsOf(keys);
            }
            assertThat(sent).filteredOn(ListObjectsV2Request.class::isInstance).hasSize(2);

            sent.clear();
            try (Stream<BlobInfo> listed = store.list("audit/")) {
                assertThat(listed.limit(10)).hasSize(10);
            }
            assertThat(sent).as("a short read fetches one page").hasSize(1);

            sent.clear();
            assertThat(store.delete(keys)).isEmpty();
            assertThat(sent).filteredOn(DeleteObjectsRequest.class::isInstance)
                    .map(r -> ((DeleteObjectsRequest) r).delete().objects().size())
                    .containsExactly(1000, KEYS - 1000);
            try (Stream<BlobInfo> listed = store.list("")) {
                assertThat(listed).isEmpty();
            }
        }
    }

    private static void writeAll(S3BlobStore store, List<String> keys) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = keys.stream().<Future<?>>map(key -> writers.submit(() -> {
                try (BlobOutput out = store.put(key)) {
                    out.write('{');
                    out.write('}');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).toList();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }
}
