package io.stereotype.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Step {@code promote}: moves an alias to a version and tells who held it before (a rollback is one more promote). */
@ApplicationScoped
public class PromoteStep {
    private static final Logger LOG = Logger.getLogger(PromoteStep.class);
    private final Services services;

    public PromoteStep(Services services) {
        this.services = services;
    }

    /** The alias now on {@code version}; {@code previousVersion} is null when it was unset. */
    public record Result(String name, String alias, int version, Integer previousVersion) implements StepResult {
        @Override
        public OutputLine toOutputLine() {
            return new OutputLine().output("name", name).output("alias", alias).output("version", version)
                    .output("previousVersion", previousVersion);
        }
    }

    public Result run(String name, int version, String alias) {
        Optional<Integer> previous = services.registry().setAlias(name, alias, version);
        LOG.infof("%s@%s now points to version %d; previously %s%s", name, alias, version,
                previous.map(String::valueOf).orElse("unset"),
                previous.map(p -> " (roll back: promote --name " + name + " --version " + p + " --alias " + alias + ")").orElse(""));
        return new Result(name, alias, version, previous.orElse(null));
    }
}
