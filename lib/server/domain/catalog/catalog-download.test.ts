import { describe, expect, it } from "vitest";
import { CatalogDownloadError, downloadCatalogSource } from "./catalog-download";

// Every case is refused before a socket is opened: the lookup is a stub.
const policy = (addresses: string[], allowLocal = false) => ({
  allowLocal,
  allowPrivate: false,
  lookup: async () => addresses,
});

async function refusal(url: string, addresses: string[], allowLocal = false) {
  const error = await downloadCatalogSource(url, { policy: policy(addresses, allowLocal) }).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CatalogDownloadError);
  return (error as CatalogDownloadError).message;
}

describe("downloadCatalogSource", () => {
  it("refuses plain http, even to an allowed local address", async () => {
    expect(await refusal("http://localhost/api.json", ["127.0.0.1"], true)).toMatch(/https/);
  });

  it("refuses a host when any of its addresses is private", async () => {
    expect(await refusal("https://models.example/api.json", ["93.184.216.34", "10.0.0.5"])).toMatch(
      /10\.0\.0\.5/,
    );
  });

  it("refuses the cloud metadata service whatever the settings", async () => {
    expect(await refusal("https://169.254.169.254/latest", [], true)).toMatch(/metadata/);
  });

  it("says so when the host does not resolve", async () => {
    expect(await refusal("https://nowhere.example/api.json", [])).toMatch(/could not be resolved/);
  });
});
