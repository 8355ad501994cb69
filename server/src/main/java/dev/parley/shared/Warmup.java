package dev.parley.shared;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads at start-up what the JDK and the logging system would otherwise load lazily from files the
 * first time they are used: time-zone rules, locale data, date formatting. A node that runs close
 * to its open-file limit could otherwise fail in the middle of serving a request because the file
 * it needs at that moment cannot be opened.
 */
@Component
class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    @EventListener(ApplicationReadyEvent.class)
    void warm() {
        var zone = ZoneId.systemDefault();
        zone.getRules();
        TimeZone.getDefault();
        ZoneId.of("UTC").getRules();
        var formatted =
                DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(ZonedDateTime.now(zone));
        log.info("Parley is ready (time zone {}, started {})", zone, formatted);
        log.debug("debug logging is initialised");
        // format (but do not print) a stack trace, so the classes that logging an error needs are loaded
        new IllegalStateException("warm-up").getStackTrace();
    }
}
