import { describe, expect, it } from "vitest";
import { getClientAddress, withClientAddress } from "./client-address";

const forwardedFor = (value: string) => new Headers({ "x-forwarded-for": value });

describe("getClientAddress", () => {
  it("without a trusted proxy, takes the hop nearest the server, whatever a client put before it", () => {
    expect(getClientAddress(forwardedFor("203.0.113.9"), false)).toBe("203.0.113.9");
    expect(getClientAddress(forwardedFor("6.6.6.6, 203.0.113.9"), false)).toBe("203.0.113.9");
  });

  it("behind a trusted proxy, takes the first hop: the client the proxy saw", () => {
    expect(getClientAddress(forwardedFor("198.51.100.7, 10.0.0.2"), true)).toBe("198.51.100.7");
    expect(getClientAddress(forwardedFor("198.51.100.7"), true)).toBe("198.51.100.7");
  });

  it("reads IPv4-mapped IPv6, ports and brackets as the plain address", () => {
    expect(getClientAddress(forwardedFor("::ffff:203.0.113.9"), false)).toBe("203.0.113.9");
    expect(getClientAddress(forwardedFor("203.0.113.9:52100"), false)).toBe("203.0.113.9");
    expect(getClientAddress(forwardedFor("[2001:DB8::1]:443"), false)).toBe("2001:db8::1");
    expect(getClientAddress(forwardedFor("2001:db8::1"), true)).toBe("2001:db8::1");
  });

  it("has no address when the header is missing, empty or not an address", () => {
    expect(getClientAddress(new Headers(), false)).toBeNull();
    expect(getClientAddress(forwardedFor(" , "), true)).toBeNull();
    expect(getClientAddress(forwardedFor("unknown"), true)).toBeNull();
    expect(getClientAddress(forwardedFor("203.0.113.9, <script>"), false)).toBeNull();
  });
});

describe("withClientAddress", () => {
  it("leaves X-Forwarded-For holding the client address alone, and keeps the body", async () => {
    const request = new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "x-forwarded-for": "198.51.100.7, 10.0.0.2", "content-type": "application/json" },
      body: JSON.stringify({ email: "a@example.test" }),
    });
    const trusted = withClientAddress(request.clone(), true);
    expect(trusted.headers.get("x-forwarded-for")).toBe("198.51.100.7");
    expect(await trusted.json()).toEqual({ email: "a@example.test" });
    expect(withClientAddress(request, false).headers.get("x-forwarded-for")).toBe("10.0.0.2");
  });

  it("drops a header that names no address", () => {
    const request = new Request("http://localhost:3000/", { headers: { "x-forwarded-for": "x" } });
    expect(withClientAddress(request, true).headers.has("x-forwarded-for")).toBe(false);
  });
});
