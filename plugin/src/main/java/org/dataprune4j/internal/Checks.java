package org.dataprune4j.internal;

/**
 * Argument checks for the modules beside the core (Spark), which must not call Guava: the core relocates its Guava
 * inside its jar, and Spark's own Guava (16.0.1) lacks the overloads newer code compiles against. Messages use
 * Guava's {@code %s} templates.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Throws {@link IllegalArgumentException} with the message {@code template}, each {@code %s} replaced by the next
     * of {@code args} (extra arguments appended in brackets, as Guava does), unless {@code ok}.
     */
    public static void checkArgument(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException(format(template, args));
        }
    }

    /** {@code template} with each {@code %s} replaced by the next argument; a missing argument leaves {@code %s}. */
    static String format(String template, Object... args) {
        StringBuilder s = new StringBuilder(template.length() + 16 * args.length);
        int from = 0;
        int a = 0;
        while (a < args.length) {
            int at = template.indexOf("%s", from);
            if (at < 0) {
                break;
            }
            s.append(template, from, at).append(args[a++]);
            from = at + 2;
        }
        s.append(template, from, template.length());
        if (a < args.length) {
            s.append(" [").append(args[a++]);
            while (a < args.length) {
                s.append(", ").append(args[a++]);
            }
            s.append(']');
        }
        return s.toString();
    }
}
