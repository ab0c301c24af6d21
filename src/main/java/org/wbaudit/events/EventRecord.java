package org.wbaudit.events;

import java.time.Instant;

/**
 * One event of an exported Application log.
 *
 * @param where file and record or line, for messages about it
 * @param message the event's text (EventData, or the CSV's description); may be empty
 */
public record EventRecord(int eventId, String source, Instant time, String message, String where) {}
