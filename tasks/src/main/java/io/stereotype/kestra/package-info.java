/**
 * Kestra tasks for the Stereotype trainer: one typed task per step of {@code docs/cli.md}, each running the
 * trainer command through a Kestra task runner and returning the trainer's output line as a typed output.
 */
@PluginSubGroup(
    title = "Stereotype",
    description = "Train, evaluate, register and promote Stereotype Deepening anomaly detectors.",
    categories = PluginSubGroup.PluginCategory.AI
)
package io.stereotype.kestra;

import io.kestra.core.models.annotations.PluginSubGroup;
