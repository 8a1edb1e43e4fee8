package io.stereotype.launcher;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.queues.DispatchQueueInterface;
import io.kestra.core.repositories.ExecutionRepositoryInterface;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.repositories.LocalFlowRepositoryLoader;
import io.kestra.core.runners.Executor;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.Indexer;
import io.kestra.core.runners.Scheduler;
import io.kestra.core.runners.Worker;
import io.kestra.core.server.Service;
import io.kestra.core.worker.Controller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A whole Kestra in this JVM, as its standalone server would run it: executor, worker controller, worker, scheduler
 * and indexer, with flows, executions, logs and the queue in an H2 file database and files in local storage, all
 * under one folder. The worker reaches the controller over gRPC even here, on the given port.
 */
final class EmbeddedKestra implements AutoCloseable {
    static final String TENANT = "main";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** Task runs at once: the masters of a retrain, then the bachelors, train in parallel. */
    private static final int WORKER_THREADS = 4;

    private final ApplicationContext context;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Service> services = new ArrayList<>();

    private EmbeddedKestra(ApplicationContext context) {
        this.context = context;
    }

    static EmbeddedKestra start(Path home, int controllerPort) throws IOException, InterruptedException {
        Files.createDirectories(home);
        ApplicationContext context = ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(Map.of(
                "kestra.storage.local.base-path", home.resolve("storage").toString(),
                "datasources.h2.url", "jdbc:h2:file:" + home.resolve("db") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=FALSE"
                    // Kestra closes its own connections when the context stops; H2 must not close the database first
                    + ";DB_CLOSE_ON_EXIT=FALSE",
                "kestra.controller.port", controllerPort,
                "kestra.worker.controllers.static.endpoints", List.of(Map.of("host", "localhost", "port", controllerPort))))
            .start();
        EmbeddedKestra kestra = new EmbeddedKestra(context);
        try {
            kestra.startServices();
        } catch (IOException | InterruptedException | RuntimeException e) {
            kestra.close();
            throw e;
        }
        return kestra;
    }

    private void startServices() throws IOException, InterruptedException {
        Executor executor = context.getBean(Executor.class);
        Controller controller = context.getBean(Controller.class);
        Worker worker = context.getBean(Worker.class);
        Scheduler scheduler = context.getBean(Scheduler.class);
        Indexer indexer = context.getBean(Indexer.class);
        threads.execute(executor);
        threads.execute(controller::start);
        threads.execute(() -> worker.start(WORKER_THREADS));
        threads.execute(scheduler);
        threads.execute(indexer);
        services.addAll(List.of(executor, controller, worker, scheduler, indexer));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!services.stream().allMatch(service -> service.getState() == Service.ServiceState.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Kestra did not start within " + START_TIMEOUT + ": " + services.stream()
                    .map(service -> service.getClass().getSimpleName() + " " + service.getState()).toList());
            }
            Thread.sleep(50);
        }
    }

    /** Loads (or updates) every flow file of the folder, as a server's flow watcher would. */
    void loadFlows(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("flows folder " + folder + " does not exist");
        }
        context.getBean(LocalFlowRepositoryLoader.class).load(TENANT, folder.toFile());
    }

    Flow flow(String namespace, String id) {
        return context.getBean(FlowRepositoryInterface.class).findById(TENANT, namespace, id, Optional.empty())
            .orElseThrow(() -> new IllegalStateException("flow " + namespace + "." + id + " is not among the loaded flows"));
    }

    /** Creates an execution of the flow with the inputs computed for it (they may use its id) and queues it. */
    Execution execute(Flow flow, Function<Execution, Map<String, Object>> inputs) throws Exception {
        FlowInputOutput flowInputs = context.getBean(FlowInputOutput.class);
        Execution execution = Execution.newExecution(flow,
            (typedFlow, created) -> flowInputs.readExecutionInputs(typedFlow, created, inputs.apply(created)), List.of(), Optional.empty());
        @SuppressWarnings("unchecked")
        DispatchQueueInterface<Execution> queue = context.getBean(Argument.of(DispatchQueueInterface.class, Execution.class));
        queue.emit(execution);
        return execution;
    }

    ExecutionRepositoryInterface executions() {
        return context.getBean(ExecutionRepositoryInterface.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        services.reversed().forEach(Service::close);
        threads.shutdownNow();
        context.close();
    }
}
