package org.dataprune4j.internal;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

/**
 * The layer configurations inside DL4J's wrapper layers, whose updaters DL4J uses for the wrapped parameters:
 * {@code LastTimeStep}, {@code TimeDistributed}, {@code MaskZeroLayer} and {@code FrozenLayerWithBackprop} (a
 * {@code BaseWrapperLayer}), {@code FrozenLayer}, and both directions of a {@code Bidirectional}. Internal.
 */
public final class WrappedLayers {
    private WrappedLayers() {
    }

    /** The layers themselves, each followed by the layers it wraps, at any depth. */
    public static List<Layer> withWrapped(List<Layer> layers) {
        List<Layer> all = new ArrayList<>();
        for (Layer layer : layers) {
            add(layer, all);
        }
        return all;
    }

    /** The layer inside any single-layer wrappers ({@code BaseWrapperLayer}, {@code FrozenLayer}), else the layer. */
    public static Layer innermost(Layer layer) {
        Layer l = layer;
        for (Layer inner = wrapped(l); inner != null; inner = wrapped(l)) {
            l = inner;
        }
        return l;
    }

    /** The layer a single-layer wrapper wraps, or null for any other layer. */
    private static Layer wrapped(Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            return wrapper.getUnderlying();
        }
        return layer instanceof FrozenLayer frozen ? frozen.getLayer() : null;
    }

    private static void add(Layer layer, List<Layer> all) {
        if (layer == null) {
            return;
        }
        all.add(layer);
        if (layer instanceof Bidirectional bidirectional) {
            add(bidirectional.getFwd(), all);
            add(bidirectional.getBwd(), all);
        } else {
            add(wrapped(layer), all);
        }
    }
}
