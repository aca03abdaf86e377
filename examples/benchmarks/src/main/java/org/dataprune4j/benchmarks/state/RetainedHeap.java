package org.dataprune4j.benchmarks.state;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.openjdk.jol.vm.VM;
import sun.misc.Unsafe;

/**
 * The Java heap held by an object graph: every object reachable from the roots, each counted once with its exact
 * size on this JVM (OpenJDK JOL), without descending into objects the caller marks as not part of the state (the
 * model being trained, the user's data source, ND4J arrays whose data lies off the heap). Fields of JDK classes
 * (an {@code EnumMap}'s table, say) are read with {@code sun.misc.Unsafe} where reflection is not allowed.
 */
public final class RetainedHeap {
    static {
        // Read once, when JOL's VM is first created. JOL's default field-offset lookup (Unsafe) refuses records; its
        // "magic" lookup handles them. Attaching an agent or the Serviceability Agent fails here anyway and took
        // 30 s before failing, so neither is tried.
        System.setProperty("jol.magicFieldOffset", "true");
        System.setProperty("jol.skipHotspotSAAttach", "true");
        System.setProperty("jol.skipDynamicAttach", "true");
    }

    private static final Unsafe UNSAFE = unsafe();
    private static final ClassValue<List<Field>> REFERENCE_FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                        fields.add(f);
                    }
                }
            }
            return fields;
        }
    };

    private RetainedHeap() {
    }

    /** Bytes and object counts of one walk, by class. */
    public record Measure(long bytes, long objects, Map<String, Long> bytesByClass) {
    }

    /**
     * Walks the graph from {@code roots}.
     *
     * @param roots where the state starts
     * @param boundary objects not counted and not descended into
     */
    public static Measure of(List<?> roots, Predicate<Object> boundary) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(roots);
        Map<String, Long> byClass = new java.util.TreeMap<>();
        long bytes = 0;
        long objects = 0;
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o == null || boundary.test(o) || !seen.add(o)) {
                continue;
            }
            long size = VM.current().sizeOf(o);
            bytes += size;
            objects++;
            byClass.merge(o.getClass().getSimpleName(), size, Long::sum);
            Class<?> type = o.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0, n = Array.getLength(o); i < n; i++) {
                        Object element = Array.get(o, i);
                        if (element != null) {
                            todo.push(element);
                        }
                    }
                }
                continue;
            }
            for (Field f : REFERENCE_FIELDS.get(type)) {
                Object value = read(f, o);
                if (value != null) {
                    todo.push(value);
                }
            }
        }
        return new Measure(bytes, objects, byClass);
    }

    private static Object read(Field f, Object o) {
        if (f.trySetAccessible()) {
            try {
                return f.get(o);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return UNSAFE.getObject(o, UNSAFE.objectFieldOffset(f));
    }

    private static Unsafe unsafe() {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }
}
