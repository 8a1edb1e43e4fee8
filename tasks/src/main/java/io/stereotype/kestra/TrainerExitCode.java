package io.stereotype.kestra;

/** What the trainer's exit codes mean (docs/cli.md), so a failed task says why without reading the trainer's code. */
final class TrainerExitCode {
    private TrainerExitCode() {
    }

    static String describe(int exitCode) {
        return switch (exitCode) {
            case 2 -> "bad usage or configuration";
            case 3 -> "bad data";
            case 4 -> "a service (MLflow, S3) was unreachable after retries";
            default -> "failed";
        };
    }
}
