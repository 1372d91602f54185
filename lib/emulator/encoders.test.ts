import { describe, expect, it } from "vitest";
import { decodeEventStreamMessage, encodeEventStreamMessage, encodeSse } from "./encoders";

describe("encodeSse", () => {
  it("writes a data-only event", () => {
    expect(encodeSse('{"a":1}')).toBe('data: {"a":1}\n\n');
  });

  it("writes a named event", () => {
    expect(encodeSse("{}", "message_stop")).toBe("event: message_stop\ndata: {}\n\n");
  });
});

describe("encodeEventStreamMessage", () => {
  it("round-trips an event with the three AWS headers", () => {
    const bytes = encodeEventStreamMessage(
      { messageType: "event", eventType: "contentBlockDelta" },
      '{"contentBlockIndex":0,"delta":{"text":"hé"}}',
    );
    // Prelude: total length (4 bytes, big-endian) equals the frame's length.
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)).toBe(bytes.byteLength);
    const decoded = decodeEventStreamMessage(bytes);
    expect(decoded.headers).toEqual({
      ":event-type": "contentBlockDelta",
      ":message-type": "event",
      ":content-type": "application/json",
    });
    expect(JSON.parse(decoded.body)).toEqual({ contentBlockIndex: 0, delta: { text: "hé" } });
  });

  it("marks exceptions with :exception-type", () => {
    const decoded = decodeEventStreamMessage(
      encodeEventStreamMessage(
        { messageType: "exception", exceptionType: "throttlingException" },
        '{"message":"slow down"}',
      ),
    );
    expect(decoded.headers[":message-type"]).toBe("exception");
    expect(decoded.headers[":exception-type"]).toBe("throttlingException");
    expect(decoded.headers[":event-type"]).toBeUndefined();
  });

  it("fails a corrupted frame's checksum", () => {
    const bytes = encodeEventStreamMessage({ messageType: "event", eventType: "x" }, "{}");
    const corrupted = Uint8Array.from(bytes);
    corrupted[corrupted.length - 6] = (corrupted[corrupted.length - 6] ?? 0) ^ 0xff;
    expect(() => decodeEventStreamMessage(corrupted)).toThrow();
  });
});
