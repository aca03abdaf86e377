package org.dataprune4j.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/** The updaters of layer configurations and their learning-rate schedules, wrapped layers included. Internal. */
public final class Updaters {
    private Updaters() {
    }

    /** The weight and bias updaters of every layer with parameters, inside wrapper layers too; nulls left out. */
    public static List<IUpdater> of(List<Layer> layers) {
        List<IUpdater> out = new ArrayList<>();
        for (Layer layer : WrappedLayers.withWrapped(layers)) {
            if (layer instanceof BaseLayer base) {
                for (IUpdater updater : new IUpdater[] {base.getIUpdater(), base.getBiasUpdater()}) {
                    if (updater != null) {
                        out.add(updater);
                    }
                }
            }
        }
        return out;
    }

    /** The updater's learning-rate schedule, read by DL4J's own getter where the updater has one, else null. */
    public static ISchedule learningRateSchedule(IUpdater updater) {
        if (updater == null || !updater.hasLearningRate()) {
            return null;
        }
        try {
            Method getter = updater.getClass().getMethod("getLearningRateSchedule");
            return getter.invoke(updater) instanceof ISchedule s ? s : null;
        } catch (ReflectiveOperationException e) {
            return null; // an updater without a schedule getter has no schedule to fit
        }
    }
}
