import { describe, expect, it } from "vitest";
import {
  checkEndpointUrl,
  checkResolvedAddresses,
  classifyAddress,
  type AddressClass,
  type EndpointCheck,
  type EndpointPolicyOptions,
} from "./endpoint-policy";

const DNS: Record<string, string[]> = {
  "api.openai.com": ["162.159.140.245", "172.66.0.243"],
  "api.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  localhost: ["127.0.0.1", "::1"],
  "llm.lan": ["192.168.1.20"],
  "mixed.example.com": ["93.184.215.14", "10.0.0.7"],
  "mixed-local.example.com": ["93.184.215.14", "127.0.0.1"],
  "rebind.example.com": ["169.254.169.254"],
  "everything.example.com": ["10.0.0.1", "127.0.0.1", "169.254.169.254"],
  "zone.example.com": ["fe80::1%eth0"],
  "garbage.example.com": ["not-an-ip"],
  "empty.example.com": [],
};

const lookedUp: string[] = [];

async function fakeLookup(host: string): Promise<string[]> {
  lookedUp.push(host);
  const addresses = DNS[host];
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses;
}

const strict: EndpointPolicyOptions = {
  allowLocal: false,
  allowPrivate: false,
  lookup: fakeLookup,
};
const local: EndpointPolicyOptions = { ...strict, allowLocal: true };
const privateNet: EndpointPolicyOptions = { ...strict, allowPrivate: true };
const permissive: EndpointPolicyOptions = {
  allowLocal: true,
  allowPrivate: true,
  lookup: fakeLookup,
};

function reasonOf(result: EndpointCheck): string {
  return result.ok ? "ok" : result.reason;
}

async function check(url: string, options: EndpointPolicyOptions = strict): Promise<string> {
  return reasonOf(await checkEndpointUrl(url, options));
}

describe("classifyAddress", () => {
  it.each<[string, AddressClass]>([
    // Range edges: the last address before a range, its first and last, and the one after.
    ["9.255.255.255", "public"],
    ["10.0.0.0", "private"],
    ["10.255.255.255", "private"],
    ["11.0.0.0", "public"],
    ["172.15.255.255", "public"],
    ["172.16.0.0", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.0", "public"],
    ["192.167.255.255", "public"],
    ["192.168.0.0", "private"],
    ["192.168.255.255", "private"],
    ["192.169.0.0", "public"],
    ["100.63.255.255", "public"],
    ["100.64.0.0", "private"],
    ["100.127.255.255", "private"],
    ["100.128.0.0", "public"],
    ["126.255.255.255", "public"],
    ["127.0.0.0", "loopback"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.255", "loopback"],
    ["128.0.0.0", "public"],
    ["169.253.255.255", "public"],
    ["169.254.0.0", "link-local"],
    ["169.254.255.255", "link-local"],
    ["169.255.0.0", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.255.255.255", "unspecified"],
    ["1.0.0.0", "public"],
    ["223.255.255.255", "public"],
    ["224.0.0.0", "multicast"],
    ["239.255.255.255", "multicast"],
    ["240.0.0.0", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.0", "reserved"],
    ["198.19.255.255", "reserved"],
    ["198.20.0.0", "public"],
    ["198.51.100.7", "reserved"],
    ["203.0.113.9", "reserved"],
    ["8.8.8.8", "public"],
    // Metadata services, refused even where private or link-local would be judged otherwise.
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["168.63.129.16", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["FD00:EC2:0:0:0:0:0:254", "metadata"],
    ["fd20:ce::254", "metadata"],
  ])("classifies %s as %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ["::", "unspecified"],
    ["0:0:0:0:0:0:0:0", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::2", "reserved"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "reserved"],
    ["fbff:ffff::1", "reserved"],
    ["fc00::", "private"],
    ["fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "private"],
    ["fe00::", "reserved"],
    ["ff02::1", "multicast"],
    ["2606:4700:4700::1111", "public"],
    ["2001:4860:4860::8888", "public"],
    ["2001:db8::1", "reserved"],
    ["2001::1", "reserved"],
    ["2002:a9fe:a9fe::1", "reserved"],
    ["3fff::1", "reserved"],
    ["1fff:ffff::1", "reserved"],
    ["4000::1", "reserved"],
  ])("classifies IPv6 %s as %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each<[string, AddressClass]>([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "metadata"],
    ["::ffff:169.254.169.254", "metadata"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:8.8.8.8", "public"],
    ["::ffff:0.0.0.0", "unspecified"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["64:ff9b::8.8.8.8", "public"],
    // IPv4-compatible addresses are deprecated; they are not treated as the IPv4 inside.
    ["::127.0.0.1", "reserved"],
  ])("classifies %s as the IPv4 address it carries (%s)", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each([
    "",
    "localhost",
    "256.0.0.1",
    "1.2.3",
    "1.2.3.4.5",
    "0177.0.0.1",
    "0x7f.0.0.1",
    "2130706433",
    "1::2::3",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7",
    "12345::1",
    "::ffff:1.2.3.256",
    ":1::",
    "[::1]",
  ])("returns null for %j, which is not an unambiguous IP address", (text) => {
    expect(classifyAddress(text)).toBeNull();
  });
});

describe("checkEndpointUrl", () => {
  describe("URL rules", () => {
    it("accepts an https URL to a public host, returning the parsed URL and every address", async () => {
      const result = await checkEndpointUrl(
        "https://api.example.com/v1?api-version=2025-01-01",
        strict,
      );
      expect(result).toEqual({
        ok: true,
        url: new URL("https://api.example.com/v1?api-version=2025-01-01"),
        addresses: DNS["api.example.com"],
      });
    });

    it.each([
      "not a url",
      "api.openai.com/v1",
      "https://",
      "https://exa mple.com/",
      "https://1.2.3.999/",
    ])("refuses %j as invalid", async (url) => {
      expect(await check(url, permissive)).toBe("invalid-url");
    });

    it("refuses an absurdly long URL before parsing it", async () => {
      expect(await check(`https://api.example.com/${"a".repeat(3000)}`)).toBe("invalid-url");
    });

    it.each([
      "ftp://api.example.com/",
      "file:///etc/passwd",
      "ws://api.example.com/",
      "javascript:alert(1)",
    ])("refuses the scheme of %s", async (url) => {
      expect(await check(url, permissive)).toBe("unsupported-scheme");
    });

    it.each([
      "https://user:pass@api.example.com/v1",
      "https://user@api.example.com/v1",
      "https://:sk-secret@api.example.com/v1",
    ])("refuses credentials in %s", async (url) => {
      const result = await checkEndpointUrl(url, permissive);
      expect(reasonOf(result)).toBe("credentials-in-url");
      expect(result.ok ? "" : result.message).not.toContain("sk-secret");
    });

    it.each(["https://api.example.com/v1#section", "https://api.example.com/v1#"])(
      "refuses the fragment in %s",
      async (url) => {
        expect(await check(url, permissive)).toBe("fragment");
      },
    );

    it("refuses plain http to a public host whatever is allowed", async () => {
      for (const options of [strict, local, privateNet, permissive]) {
        expect(await check("http://api.example.com/v1", options)).toBe("insecure-http");
      }
    });

    it("refuses plain http to a private host even when private endpoints are allowed", async () => {
      expect(await check("http://llm.lan:11434/v1", permissive)).toBe("insecure-http");
      expect(await check("https://llm.lan:11434/v1", permissive)).toBe("ok");
    });

    it("allows plain http to localhost only with allowLocal", async () => {
      expect(await check("http://localhost:11434/v1", strict)).toBe("loopback");
      expect(await check("http://localhost:11434/v1", privateNet)).toBe("loopback");
      expect(await check("http://localhost:11434/v1", local)).toBe("ok");
      expect(await check("http://127.0.0.1:8080/v1", local)).toBe("ok");
      expect(await check("http://[::1]:8080/v1", local)).toBe("ok");
    });

    it("refuses plain http to a name with one loopback and one public address", async () => {
      expect(await check("http://mixed-local.example.com/", local)).toBe("insecure-http");
    });
  });

  describe("resolution", () => {
    it("refuses a host that does not resolve, or resolves to nothing", async () => {
      expect(await check("https://nonexistent.example.com/", permissive)).toBe("unresolvable");
      expect(await check("https://empty.example.com/", permissive)).toBe("unresolvable");
    });

    it("refuses a resolver answer that is not an IP address", async () => {
      expect(await check("https://garbage.example.com/", permissive)).toBe("unresolvable");
    });

    it("refuses a name when any one of its addresses is private, not just the first", async () => {
      expect(await check("https://mixed.example.com/")).toBe("private");
      expect(await check("https://mixed.example.com/", privateNet)).toBe("ok");
    });

    it("refuses a name that resolves to the metadata service", async () => {
      expect(await check("https://rebind.example.com/", permissive)).toBe("metadata");
    });

    it("reports the refusal that no setting can lift first", async () => {
      expect(await check("https://everything.example.com/")).toBe("metadata");
    });

    it("classifies a resolved link-local address with a zone", async () => {
      expect(await check("https://zone.example.com/", permissive)).toBe("link-local");
    });

    it("refuses metadata.google.internal by name, before any lookup", async () => {
      lookedUp.length = 0;
      expect(await check("https://metadata.google.internal/computeMetadata/v1/", permissive)).toBe(
        "metadata",
      );
      expect(await check("https://METADATA.google.internal./", permissive)).toBe("metadata");
      expect(lookedUp).toEqual([]);
    });

    it("does not look up literal IP hosts", async () => {
      lookedUp.length = 0;
      await checkEndpointUrl("https://8.8.8.8/", strict);
      await checkEndpointUrl("https://[2606:4700:4700::1111]/", strict);
      expect(lookedUp).toEqual([]);
    });
  });

  describe("address rules", () => {
    it("refuses loopback unless local endpoints are allowed", async () => {
      expect(await check("https://localhost/")).toBe("loopback");
      expect(await check("https://127.0.0.1/", privateNet)).toBe("loopback");
      expect(await check("https://127.0.0.1/", local)).toBe("ok");
    });

    it("refuses private ranges unless private endpoints are allowed", async () => {
      for (const url of [
        "https://10.1.2.3/",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://[fd12:3456::1]/",
      ]) {
        expect(await check(url, local)).toBe("private");
        expect(await check(url, privateNet)).toBe("ok");
      }
    });

    it("accepts the public neighbours of the private ranges", async () => {
      expect(await check("https://172.15.255.255/")).toBe("ok");
      expect(await check("https://172.32.0.0/")).toBe("ok");
      expect(await check("https://100.63.255.255/")).toBe("ok");
      expect(await check("https://100.128.0.0/")).toBe("ok");
    });

    it.each([
      ["https://169.254.169.254/latest/meta-data/", "metadata"],
      ["https://100.100.100.200/", "metadata"],
      ["https://[fd00:ec2::254]/", "metadata"],
      ["https://169.254.10.10/", "link-local"],
      ["https://[fe80::1]/", "link-local"],
      ["https://0.0.0.0/", "unspecified"],
      ["https://[::]/", "unspecified"],
      ["https://224.0.0.1/", "multicast"],
      ["https://[ff02::1]/", "multicast"],
      ["https://255.255.255.255/", "reserved"],
      ["https://192.0.2.10/", "reserved"],
      ["https://[2001:db8::1]/", "reserved"],
    ])("always refuses %s (%s)", async (url, reason) => {
      expect(await check(url, permissive)).toBe(reason);
    });
  });

  describe("numeric host forms, as normalised by the URL parser", () => {
    it.each([
      ["http://2130706433/", "127.0.0.1"],
      ["http://0x7f.1/", "127.0.0.1"],
      ["http://0177.0.0.1/", "127.0.0.1"],
      ["http://017700000001/", "127.0.0.1"],
      ["http://127.1/", "127.0.0.1"],
      ["http://0x7f000001/", "127.0.0.1"],
      ["http://127.0.0.1./", "127.0.0.1"],
    ])("treats %s as %s", async (url, address) => {
      expect(await check(url)).toBe("loopback");
      const allowed = await checkEndpointUrl(url, local);
      expect(allowed.ok && allowed.addresses).toEqual([address]);
    });

    it.each([
      ["https://0xa9fea9fe/", "metadata"],
      ["https://2852039166/", "metadata"],
      ["https://0251.0376.0251.0376/", "metadata"],
      ["https://0/", "unspecified"],
      ["https://0x0a.1/", "private"],
      ["https://167772161/", "private"],
    ])("classifies %s as %s", async (url, reason) => {
      expect(await check(url, local)).toBe(reason);
    });

    it.each([
      ["https://[::ffff:127.0.0.1]/", "loopback"],
      ["https://[::ffff:7f00:1]/", "loopback"],
      ["https://[0:0:0:0:0:0:0:1]/", "loopback"],
      ["https://[::ffff:a9fe:a9fe]/", "metadata"],
      ["https://[::ffff:169.254.169.254]/", "metadata"],
      ["https://[::ffff:10.0.0.1]/", "private"],
    ])("classifies the bracketed IPv6 literal %s as %s", async (url, reason) => {
      expect(await check(url)).toBe(reason);
    });

    it("accepts a bracketed public IPv6 literal and returns it without brackets", async () => {
      const result = await checkEndpointUrl("https://[2606:4700:4700::1111]:8443/v1", strict);
      expect(result.ok && result.addresses).toEqual(["2606:4700:4700::1111"]);
    });
  });

  describe("messages", () => {
    async function messageOf(
      url: string,
      options: EndpointPolicyOptions = strict,
    ): Promise<string> {
      const result = await checkEndpointUrl(url, options);
      if (result.ok) throw new Error(`${url} was accepted`);
      return result.message;
    }

    it("name the variable that would allow a local or private endpoint", async () => {
      expect(await messageOf("https://localhost/")).toContain("ALLOW_LOCAL_ENDPOINTS");
      expect(await messageOf("https://llm.lan/")).toContain("ALLOW_PRIVATE_ENDPOINTS");
      expect(await messageOf("http://api.example.com/")).toContain("https://");
    });

    it("name no variable where none would help", async () => {
      for (const url of ["https://169.254.169.254/", "https://[fe80::1]/", "https://0.0.0.0/"]) {
        expect(await messageOf(url, permissive)).not.toMatch(/ALLOW_/);
      }
    });

    it("say which host resolved to which address", async () => {
      const message = await messageOf("https://mixed.example.com/");
      expect(message).toContain("mixed.example.com");
      expect(message).toContain("10.0.0.7");
    });

    it("are one sentence each", async () => {
      const urls = [
        "not a url",
        "ftp://x/",
        "https://u:p@x/",
        "https://x/#a",
        "https://nonexistent.example.com/",
        "https://localhost/",
        "https://llm.lan/",
        "https://169.254.169.254/",
        "https://metadata.google.internal/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
        "https://192.0.2.1/",
        "https://[fe80::1]/",
        "http://api.example.com/",
      ];
      for (const url of urls) {
        const message = await messageOf(url);
        expect(message).toMatch(/^[A-Z0-9].*\.$/);
        expect(message).not.toMatch(/\.\s+[A-Z]/);
      }
    });
  });
});

describe("checkResolvedAddresses", () => {
  it("re-checks addresses at connect time, catching a rebinding to a private address", () => {
    const policy = { allowLocal: false, allowPrivate: false };
    expect(checkResolvedAddresses("api.example.com", ["93.184.215.14"], policy)).toBeNull();
    expect(
      checkResolvedAddresses("api.example.com", ["93.184.215.14", "10.0.0.1"], policy),
    ).toMatchObject({
      ok: false,
      reason: "private",
    });
    expect(
      checkResolvedAddresses("api.example.com", ["::ffff:a9fe:a9fe"], {
        allowLocal: true,
        allowPrivate: true,
      }),
    ).toMatchObject({ reason: "metadata" });
  });
});
