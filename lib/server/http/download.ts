import "server-only";

/**
 * Every file the app sends as a download goes out through here: one place for the attachment
 * headers (a file name reduced to safe characters, never cached) and for streaming text pieces
 * as the client reads them, so memory stays flat and a client that goes away stops the source.
 */

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "");
  return safe || "crossbench-download";
}

function attachmentHeaders(fileName: string, contentType: string): HeadersInit {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="${safeFileName(fileName)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
}

/**
 * A download streamed from text pieces: each read by the client pulls one piece from `pieces`
 * (sync or async); a client that cancels ends the iterator (its `finally` blocks run).
 */
export function textDownload(options: {
  fileName: string;
  contentType: string;
  pieces: Iterator<string> | AsyncIterator<string>;
}): Response {
  const encoder = new TextEncoder();
  const { pieces } = options;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return?.(undefined);
    },
  });
  return new Response(stream, {
    headers: attachmentHeaders(options.fileName, options.contentType),
  });
}

/** A download of bytes already made (a PDF). */
export function bytesDownload(options: {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}): Response {
  const { bytes } = options;
  const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return new Response(body as ArrayBuffer, {
    headers: attachmentHeaders(options.fileName, options.contentType),
  });
}
