package org.dataprune4j.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The WARN and ERROR messages one logger writes while open, for tests that assert a warning was given. */
public final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final AbstractAppender appender;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private CapturedLog(Class<?> source) {
        this.logger = (Logger) LogManager.getLogger(source);
        this.appender = new AbstractAppender("captured-" + source.getSimpleName(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    messages.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts capturing what the logger of {@code source} warns. */
    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** The warnings so far, formatted. */
    public List<String> warnings() {
        return List.copyOf(messages);
    }

    /** Whether any warning contains {@code text}. */
    public boolean warned(String text) {
        return messages.stream().anyMatch(m -> m.contains(text));
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
