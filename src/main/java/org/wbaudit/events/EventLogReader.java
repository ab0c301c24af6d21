package org.wbaudit.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an exported Application log: the XML of {@code wevtutil qe Application /f:xml} (a
 * sequence of Event elements without a root) or Event Viewer's "Save as CSV" (Level, Date and
 * Time, Source, Event ID, Task Category, then the text). Streams: one event in memory at a time.
 * A record it cannot read is reported (file and record or line) and skipped; a file that breaks
 * off is read up to the break, which is reported too.
 */
public final class EventLogReader {
  /** A record or a stretch of a file that could not be read. */
  public record Problem(String where, String what) {}

  private static final List<DateTimeFormatter> CSV_TIMES = List.of(
      DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
      DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US),
      DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss", Locale.US),
      DateTimeFormatter.ISO_LOCAL_DATE_TIME);

  private EventLogReader() {}

  /**
   * Reads {@code file}, XML or CSV by its first non-blank character, each event to
   * {@code events} and each problem to {@code problems}.
   *
   * @throws IOException when the file cannot be opened at all
   */
  public static void read(Path file, Consumer<EventRecord> events, Consumer<Problem> problems)
      throws IOException {
    // Windows PowerShell 5 writes 'wevtutil ... > app.xml' as UTF-16 with a byte-order mark:
    // read it as such, by way of a UTF-8 copy. Other bytes that are no text are refused.
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4096);
    }
    java.nio.charset.Charset wide = head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
        ? StandardCharsets.UTF_16LE
        : head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF
            ? StandardCharsets.UTF_16BE : null;
    if (wide != null) {
      Path copy = Files.createTempFile("wbaudit-events", ".utf8");
      try {
        try (java.io.Reader r = new java.io.InputStreamReader(Files.newInputStream(file), wide);
            java.io.Writer w = Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
          r.skip(1); // the byte-order mark
          r.transferTo(w);
        }
        read(copy, file.toString(), events, problems);
      } finally {
        Files.deleteIfExists(copy);
      }
      return;
    }
    for (byte b : head) {
      if (b == 0) {
        problems.accept(new Problem(file.toString(), "not a text event log (it holds NUL bytes):"
            + " export the log as XML (wevtutil qe LOG /f:xml) or as CSV from Event Viewer"));
        return;
      }
    }
    read(file, file.toString(), events, problems);
  }

  /** Reads a UTF-8 file, naming it {@code name} in problems. */
  private static void read(Path file, String name, Consumer<EventRecord> events,
      Consumer<Problem> problems) throws IOException {
    int first;
    try (InputStream in = Files.newInputStream(file)) {
      int c;
      do {
        c = in.read();
      } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
      first = c;
    }
    if (first == -1) {
      problems.accept(new Problem(name, "the file is empty"));
    } else if (first == '<') {
      readXml(file, name, events, problems);
    } else {
      readCsv(file, name, events, problems);
    }
  }

  private static void readXml(Path file, String name, Consumer<EventRecord> events,
      Consumer<Problem> problems)
      throws IOException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // An event log is data from elsewhere: no DTD, no external entities.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // wevtutil writes events one after another with no root element: give them one (after a
    // byte-order mark or an XML declaration, if the file has them). The file is streamed.
    java.io.BufferedInputStream file0 = new java.io.BufferedInputStream(Files.newInputStream(file));
    file0.mark(512);
    byte[] head = file0.readNBytes(512);
    String h = new String(head, StandardCharsets.UTF_8);
    int skip = 0;
    if (h.startsWith("\uFEFF")) {
      skip = 3;
      h = h.substring(1);
    }
    String trimmed = h.stripLeading();
    if (trimmed.startsWith("<?xml") && trimmed.contains("?>")) {
      String before = h.substring(0, h.indexOf("?>") + 2);
      skip += before.getBytes(StandardCharsets.UTF_8).length;
    }
    file0.reset();
    file0.skipNBytes(skip);
    InputStream in = new SequenceInputStream(new ByteArrayInputStream("<Events>".getBytes(StandardCharsets.UTF_8)),
        new SequenceInputStream(file0, new ByteArrayInputStream("</Events>".getBytes(StandardCharsets.UTF_8))));
    int record = 0;
    try {
      XMLStreamReader x = f.createXMLStreamReader(in, "UTF-8");
      String source = null;
      String id = null;
      String time = null;
      StringBuilder data = new StringBuilder();
      int line = 0;
      String current = null;
      while (x.hasNext()) {
        int e = x.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          current = x.getLocalName();
          switch (current) {
            case "Event" -> {
              record++;
              line = x.getLocation().getLineNumber();
              source = null;
              id = null;
              time = null;
              data.setLength(0);
            }
            case "Provider" -> source = x.getAttributeValue(null, "Name");
            case "TimeCreated" -> time = x.getAttributeValue(null, "SystemTime");
            case "EventID" -> id = x.getElementText().trim();
            default -> { }
          }
        } else if (e == XMLStreamConstants.CHARACTERS && ("Data".equals(current) || "Message".equals(current))) {
          data.append(x.getText());
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          if (x.getLocalName().equals("Data") && data.length() > 0) {
            data.append('\n');
          }
          current = null;
          if (x.getLocalName().equals("Event")) {
            String where = name + ": record " + record + " (line " + line + ")";
            EventRecord r = record(id, source, time, data.toString().trim(), where, problems,
                EventLogReader::xmlTime);
            if (r != null) {
              events.accept(r);
            }
          }
        }
      }
      file0.close();
    } catch (XMLStreamException e) {
      file0.close();
      String at = e.getLocation() != null ? ": line " + e.getLocation().getLineNumber()
          + ", column " + e.getLocation().getColumnNumber() : "";
      problems.accept(new Problem(name + at, "not well-formed XML after record " + record
          + " (a truncated export?): " + e.getMessage().replaceAll("(?s)^ParseError at \\[row,col\\]:\\[[^]]*\\]\\s*Message:\\s*", "")));
    }
  }

  private static Instant xmlTime(String s) {
    return Instant.parse(s);
  }

  private static Instant csvTime(String s) {
    for (DateTimeFormatter f : CSV_TIMES) {
      try {
        // Event Viewer writes local time without a zone: taken as UTC, said in the README.
        return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException next) {
        // try the next layout
      }
    }
    return Instant.parse(s);
  }

  private static EventRecord record(String id, String source, String time, String message,
      String where, Consumer<Problem> problems, java.util.function.Function<String, Instant> parse) {
    if (id == null || id.isEmpty()) {
      problems.accept(new Problem(where, "no event ID"));
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      problems.accept(new Problem(where, "event ID \"" + id + "\" is not a number"));
      return null;
    }
    if (time == null) {
      problems.accept(new Problem(where, "no time"));
      return null;
    }
    Instant t;
    try {
      t = parse.apply(time.trim());
    } catch (DateTimeParseException e) {
      problems.accept(new Problem(where, "time \"" + time + "\" is not a date and time wbaudit reads"));
      return null;
    }
    return new EventRecord(n, source == null ? "" : source, t, message, where);
  }

  private static void readCsv(Path file, String name, Consumer<EventRecord> events,
      Consumer<Problem> problems)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("^\\uFEFF", "");
    int line = 1;
    int i = 0;
    boolean header = true;
    while (i < text.length()) {
      int start = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean end = false;
      while (i < text.length() && !end) {
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\n') {
          line++;
          end = true;
        } else if (c != '\r') {
          cell.append(c);
        }
      }
      if (quoted) {
        problems.accept(new Problem(name + ": line " + start, "a quoted field never ends (a truncated export?)"));
        return;
      }
      cells.add(cell.toString());
      if (cells.size() == 1 && cells.get(0).isBlank()) {
        continue;
      }
      if (header) {
        header = false;
        if (!cells.get(0).trim().equalsIgnoreCase("Level") || cells.size() < 5) {
          problems.accept(new Problem(name + ": line " + start, "not an Event Viewer CSV export:"
              + " the first line should name Level, Date and Time, Source, Event ID, Task Category"));
          return;
        }
        continue;
      }
      String where = name + ": line " + start;
      if (cells.size() < 5) {
        problems.accept(new Problem(where, "expected at least 5 fields, found " + cells.size()));
        continue;
      }
      EventRecord r = record(cells.get(3).trim(), cells.get(2).trim(), cells.get(1).trim(),
          cells.size() > 5 ? String.join(",", cells.subList(5, cells.size())).trim() : "", where,
          problems, EventLogReader::csvTime);
      if (r != null) {
        events.accept(r);
      }
    }
  }
}
