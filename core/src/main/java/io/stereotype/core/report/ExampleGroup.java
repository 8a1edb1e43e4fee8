package io.stereotype.core.report;

import java.util.List;

/** Examples chosen by one rule, e.g. the highest-scoring normal images; best cases come first in a report. */
public record ExampleGroup(String title, String description, List<Example> examples) {

    public ExampleGroup {
        examples = List.copyOf(examples);
    }
}
