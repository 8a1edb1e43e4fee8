package io.stereotype.core.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A labelled image data set with its official train and test splits (MNIST, Fashion-MNIST,
 * CIFAR-10), the source of the one-class experiments written by {@link OneClassExport}.
 *
 * @param name       names the data set and its files in messages
 * @param classNames class index to name; the names become test folder names, so they are
 *                   lower-case words of {@code [a-z0-9_-]} and never {@code good}
 */
public record ClassificationDataset(String name, List<String> classNames, LabelledImages train, LabelledImages test) {

    private static final Pattern FOLDER_NAME = Pattern.compile("[a-z0-9_-]+");

    public ClassificationDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        for (String className : classNames) {
            if (!FOLDER_NAME.matcher(className).matches() || className.equals(Sample.GOOD)) {
                throw new IllegalArgumentException("class name '" + className + "' of " + name
                        + " cannot be a test folder name ([a-z0-9_-]+, not 'good')");
            }
        }
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("class names of " + name + " are not distinct: " + classNames);
        }
    }
}
