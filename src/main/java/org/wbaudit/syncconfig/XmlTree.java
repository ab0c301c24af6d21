package org.wbaudit.syncconfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One exported XML file read into a small tree of what wbaudit looks at. The files come from
 * another machine, so reading is hardened: a regular file only (never a FIFO or a device), at
 * most {@link #MAX_BYTES}, no DTD (so no entity can expand or reach outside), a bounded number of
 * elements, and subtrees wbaudit never reads (the connector's DSML schema) skipped as they stream.
 */
final class XmlTree {
  /** An export's largest file, the AD connector with its schema, is a few MB. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  /** Elements kept per file; the AD connector without its schema holds a few thousand. */
  static final int MAX_ELEMENTS = 500_000;

  private XmlTree() {}

  /**
   * One element: its local name, attributes, text (trimmed; empty when it has none) and children.
   *
   * @param line where it starts in the file, for messages
   */
  record Node(String name, Map<String, String> attributes, String text, List<Node> children, int line) {
    Node {
      attributes = Map.copyOf(attributes);
      children = List.copyOf(children);
    }

    /** The first child of that name; null when there is none. */
    Node child(String childName) {
      for (Node c : children) {
        if (c.name.equals(childName)) {
          return c;
        }
      }
      return null;
    }

    List<Node> children(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The node at a path of child names below this one; null when any step is missing. */
    Node at(String... path) {
      Node n = this;
      for (String step : path) {
        n = n.child(step);
        if (n == null) {
          return null;
        }
      }
      return n;
    }

    /** The text at a path below this one; null when the path is missing, "" when it is empty. */
    String text(String... path) {
      Node n = at(path);
      return n == null ? null : n.text;
    }
  }

  /**
   * Reads {@code file} whole, but for the subtrees named in {@code skip}.
   *
   * @throws SyncConfigException naming the file (and the line, for a malformed one)
   */
  static Node read(Path file, Set<String> skip) {
    checkRegular(file, MAX_BYTES);
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader x = f.createXMLStreamReader(in);
      try {
        return parse(file, x, skip);
      } finally {
        x.close();
      }
    } catch (XMLStreamException e) {
      String at = e.getLocation() != null ? ": line " + e.getLocation().getLineNumber() + ", column "
          + e.getLocation().getColumnNumber() : "";
      String why = e.getMessage() == null ? "not well-formed" : e.getMessage();
      int m = why.indexOf("Message: ");
      throw new SyncConfigException(file + at, "not well-formed XML (a truncated or damaged file?): "
          + (m >= 0 ? why.substring(m + 9) : why).strip());
    } catch (IOException e) {
      throw new SyncConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
  }

  /** Refuses anything but a regular file of at most {@code max} bytes. */
  static void checkRegular(Path file, long max) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new SyncConfigException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new SyncConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (!a.isRegularFile()) {
      throw new SyncConfigException(file.toString(), "not a regular file (a folder, FIFO or device)");
    }
    if (a.size() > max) {
      throw new SyncConfigException(file.toString(), "too large: " + a.size() + " bytes (at most "
          + max + "); an exported configuration file is a few MB");
    }
  }

  private static Node parse(Path file, XMLStreamReader x, Set<String> skip) throws XMLStreamException {
    List<Builder> stack = new ArrayList<>();
    Node root = null;
    int elements = 0;
    while (x.hasNext()) {
      int event = x.next();
      switch (event) {
        case XMLStreamConstants.DTD -> throw new SyncConfigException(file + ": line "
            + x.getLocation().getLineNumber(), "a DTD (<!DOCTYPE …>) is not allowed in an exported"
            + " configuration: none of Get-ADSyncServerConfiguration's files has one");
        case XMLStreamConstants.START_ELEMENT -> {
          if (skip.contains(x.getLocalName())) {
            skipSubtree(x);
            continue;
          }
          if (++elements > MAX_ELEMENTS) {
            throw new SyncConfigException(file.toString(), "more than " + MAX_ELEMENTS
                + " elements: not an exported configuration file");
          }
          Map<String, String> attrs = new LinkedHashMap<>();
          for (int i = 0; i < x.getAttributeCount(); i++) {
            attrs.put(x.getAttributeLocalName(i), x.getAttributeValue(i));
          }
          stack.add(new Builder(x.getLocalName(), attrs, x.getLocation().getLineNumber()));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).text.append(x.getText());
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          Builder b = stack.remove(stack.size() - 1);
          Node n = new Node(b.name, b.attributes, b.text.toString().strip(), b.children, b.line);
          if (stack.isEmpty()) {
            root = n;
          } else {
            stack.get(stack.size() - 1).children.add(n);
          }
        }
        default -> { }
      }
    }
    if (root == null) {
      throw new SyncConfigException(file.toString(), "holds no XML element");
    }
    return root;
  }

  private static void skipSubtree(XMLStreamReader x) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && x.hasNext()) {
      int e = x.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static final class Builder {
    final String name;
    final Map<String, String> attributes;
    final int line;
    final StringBuilder text = new StringBuilder();
    final List<Node> children = new ArrayList<>();

    Builder(String name, Map<String, String> attributes, int line) {
      this.name = name;
      this.attributes = attributes;
      this.line = line;
    }
  }
}
