import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import {
  createCheckedLookup,
  createSafeFetch,
  EndpointRefusedError,
  findEndpointRefusal,
  type HostLookup,
} from "./safe-fetch";

type Call = { url: string; init: RequestInit | undefined };

function recordingFetch(respond: (url: string) => Response = () => new Response("ok")) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return Promise.resolve(respond(url));
  };
  return { calls, fetchFn };
}

function lookupFrom(table: Record<string, string[]>): HostLookup {
  return (host) => Promise.resolve(table[host] ?? []);
}

const PUBLIC = "93.184.215.14";

describe("createSafeFetch", () => {
  it("refuses a metadata address literal without calling the base fetch", async () => {
    const { calls, fetchFn } = recordingFetch();
    const safe = createSafeFetch({
      allowLocal: true,
      allowPrivate: true,
      lookup: lookupFrom({}),
      baseFetch: fetchFn,
    });
    await expect(safe("http://169.254.169.254/latest/meta-data/")).rejects.toMatchObject({
      name: "EndpointRefusedError",
      reason: "metadata",
    });
    expect(calls).toEqual([]);
  });

  it.each([
    ["metadata", ["169.254.169.254"]],
    ["private", ["10.0.0.5"]],
    ["loopback", ["127.0.0.1"]],
    ["link-local", [PUBLIC, "169.254.1.1"]],
  ])(
    "refuses a name that resolves to a %s address without connecting",
    async (reason, addresses) => {
      const { calls, fetchFn } = recordingFetch();
      const safe = createSafeFetch({
        allowLocal: false,
        allowPrivate: false,
        lookup: lookupFrom({ "api.example.com": addresses }),
        baseFetch: fetchFn,
      });
      const error: unknown = await safe("https://api.example.com/v1/chat").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EndpointRefusedError);
      expect(error).toMatchObject({ reason });
      expect(calls).toEqual([]);
    },
  );

  it("sends allowed requests with redirects handled manually", async () => {
    const { calls, fetchFn } = recordingFetch();
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: lookupFrom({ "api.example.com": [PUBLIC] }),
      baseFetch: fetchFn,
    });
    const response = await safe("https://api.example.com/v1/chat", { method: "POST", body: "{}" });
    expect(await response.text()).toBe("ok");
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init).toMatchObject({ method: "POST", body: "{}", redirect: "manual" });
  });

  it("does not follow a redirect to another host", async () => {
    const { calls, fetchFn } = recordingFetch(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: "http://169.254.169.254/latest/meta-data/" },
        }),
    );
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: lookupFrom({ "api.example.com": [PUBLIC] }),
      baseFetch: fetchFn,
    });
    await expect(safe("https://api.example.com/v1/chat")).rejects.toMatchObject({
      reason: "cross-host-redirect",
    });
    expect(calls.map((call) => call.url)).toEqual(["https://api.example.com/v1/chat"]);
  });

  it("follows a same-host redirect, switching POST to GET on 303", async () => {
    const { calls, fetchFn } = recordingFetch((url) =>
      url.endsWith("/old")
        ? new Response(null, { status: 303, headers: { location: "/new" } })
        : new Response("moved"),
    );
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: lookupFrom({ "api.example.com": [PUBLIC] }),
      baseFetch: fetchFn,
    });
    const response = await safe("https://api.example.com/old", { method: "POST", body: "{}" });
    expect(await response.text()).toBe("moved");
    expect(calls.map((call) => call.url)).toEqual([
      "https://api.example.com/old",
      "https://api.example.com/new",
    ]);
    expect(calls[1]?.init).toMatchObject({ method: "GET", body: undefined });
  });

  it("re-checks the address on every redirect hop", async () => {
    let lookups = 0;
    const rebinding: HostLookup = () => {
      lookups += 1;
      return Promise.resolve(lookups === 1 ? [PUBLIC] : ["10.1.2.3"]);
    };
    const { calls, fetchFn } = recordingFetch(
      () => new Response(null, { status: 307, headers: { location: "/again" } }),
    );
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: rebinding,
      baseFetch: fetchFn,
    });
    await expect(safe("https://api.example.com/start")).rejects.toMatchObject({
      reason: "private",
    });
    expect(calls).toHaveLength(1);
  });

  it("gives up after a few same-host redirects", async () => {
    const { calls, fetchFn } = recordingFetch(
      () => new Response(null, { status: 307, headers: { location: "/loop" } }),
    );
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: lookupFrom({ "api.example.com": [PUBLIC] }),
      baseFetch: fetchFn,
      maxRedirects: 2,
    });
    await expect(safe("https://api.example.com/loop")).rejects.toMatchObject({
      reason: "too-many-redirects",
    });
    expect(calls).toHaveLength(3);
  });

  it("surfaces a connect-time refusal wrapped by fetch as the refusal itself", async () => {
    const refusal = new EndpointRefusedError("metadata", "no");
    const safe = createSafeFetch({
      allowLocal: false,
      allowPrivate: false,
      lookup: lookupFrom({ "api.example.com": [PUBLIC] }),
      baseFetch: () => Promise.reject(new TypeError("fetch failed", { cause: refusal })),
    });
    await expect(safe("https://api.example.com/")).rejects.toBe(refusal);
  });
});

describe("createCheckedLookup", () => {
  function run(
    lookup: HostLookup,
    options: { all?: boolean; family?: number },
  ): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
    const checked = createCheckedLookup(lookup, { allowLocal: false, allowPrivate: false });
    return new Promise((resolve) => {
      checked("api.example.com", options, (error, address, family) =>
        resolve({ error, address, family }),
      );
    });
  }

  it("refuses, handing the socket no address, when any address is not allowed", async () => {
    const result = await run(() => Promise.resolve([PUBLIC, "169.254.169.254"]), { all: true });
    expect(findEndpointRefusal(result.error)?.reason).toBe("metadata");
    expect(result.address).toBe("");
  });

  it("hands the socket exactly the checked addresses", async () => {
    const all = await run(() => Promise.resolve([PUBLIC, "2606:2800:220:1::1"]), { all: true });
    expect(all.error).toBeNull();
    expect(all.address).toEqual([
      { address: PUBLIC, family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ]);
    const one = await run(() => Promise.resolve([PUBLIC, "2606:2800:220:1::1"]), { family: 6 });
    expect(one).toMatchObject({ error: null, address: "2606:2800:220:1::1", family: 6 });
  });

  it("refuses a name that does not resolve", async () => {
    const result = await run(() => Promise.reject(new Error("ENOTFOUND")), {});
    expect(findEndpointRefusal(result.error)?.reason).toBe("unresolvable");
  });
});
