package io.stereotype.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one line a step prints last, {@code ::{"outputs":{...},"metrics":[...]}::}: Kestra turns it
 * into task outputs and metrics, scripts parse it the same way.
 */
public final class OutputLine {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final List<Map<String, Object>> metrics = new ArrayList<>();

    public OutputLine output(String key, Object value) {
        if (value != null) {
            outputs.put(key, value);
        }
        return this;
    }

    /** A gauge metric; skipped when there is no value (e.g. pixel AUROC without masks). */
    public OutputLine metric(String name, Double value) {
        if (value != null && Double.isFinite(value)) {
            metrics.add(Map.of("name", name, "type", "gauge", "value", value));
        }
        return this;
    }

    public OutputLine merge(OutputLine other) {
        outputs.putAll(other.outputs);
        metrics.addAll(other.metrics);
        return this;
    }

    public Map<String, Object> outputs() {
        return outputs;
    }

    public String render() {
        try {
            return "::" + MAPPER.writeValueAsString(Map.of("outputs", outputs, "metrics", metrics)) + "::";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
