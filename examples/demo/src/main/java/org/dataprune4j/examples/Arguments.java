package org.dataprune4j.examples;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} command-line arguments of the example mains. */
public final class Arguments {
    private final Map<String, String> values;

    private Arguments(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code key=value} arguments (also split on whitespace, as Maven's exec plugin passes one string). */
    public static Arguments parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        // Maven's exec plugin passes -Ddemo.args="a=1 b=2" as one argument: split on whitespace.
        for (String arg : String.join(" ", args).trim().split("\\s+")) {
            if (arg.isEmpty()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Arguments are key=value, got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return new Arguments(values);
    }

    /** The value of {@code key}, or {@code fallback}. */
    public String value(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The integer value of {@code key}, or {@code fallback}. */
    public int intValue(String key, int fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'", e);
        }
    }

    /** The numeric value of {@code key}, or {@code fallback}. */
    public double doubleValue(String key, double fallback) {
        String v = values.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + v + "'", e);
        }
    }
}
