package org.wbaudit.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a byte stream for renderers, through the command's writer (so tests and
 * the terminal see the same text), and never closed by them.
 */
final class StdoutStream extends OutputStream {
  private final PrintWriter out;
  // Bytes arrive in chunks that may split a UTF-8 sequence: decode with state across writes.
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] pending = new byte[0];
  private boolean closed;

  StdoutStream(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    byte[] all = new byte[pending.length + len];
    System.arraycopy(pending, 0, all, 0, pending.length);
    System.arraycopy(b, off, all, pending.length, len);
    decode(ByteBuffer.wrap(all), false);
  }

  private void decode(ByteBuffer in, boolean last) {
    CharBuffer chars = CharBuffer.allocate(in.remaining() + 2);
    decoder.decode(in, chars, last);
    if (last) {
      decoder.flush(chars);
    }
    chars.flip();
    out.append(chars);
    pending = new byte[in.remaining()];
    in.get(pending);
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    if (!closed) { // renderers and the caller may both close it: end the decoding once
      closed = true;
      decode(ByteBuffer.wrap(pending), true);
    }
    out.flush();
  }
}
