import type { Metadata } from "next";

import { deleteCredentialAction, saveCredentialAction } from "./actions";
import { PageHeader } from "@/components/page-header";
import {
  PlatformCredentials,
  type PlatformCredentialsRow,
} from "@/components/settings/platform-credentials";
import { PLATFORM_CREDENTIAL_KIND } from "@/lib/schemas/credentials";
import { listCredentials } from "@/lib/server/domain/access/credentials";
import { getDb } from "@/lib/server/ops/db";
import { describeEnvironmentVariables } from "@/lib/server/ops/router-setup";
import { requirePageCaller } from "@/lib/server/http/session";

export const metadata: Metadata = { title: "Provider credentials" };

export default async function ProviderCredentialsPage() {
  const caller = await requirePageCaller("admin");
  const db = getDb();
  const [platforms, credentials] = await Promise.all([
    db.platform.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    listCredentials(caller, db),
  ]);
  const byPlatform = new Map(credentials.map((credential) => [credential.platformId, credential]));
  const rows: PlatformCredentialsRow[] = platforms.map((platform) => {
    const credential = byPlatform.get(platform.id);
    return {
      id: platform.id,
      name: platform.name,
      kind: PLATFORM_CREDENTIAL_KIND[platform.id] ?? null,
      environment: describeEnvironmentVariables(platform.id),
      credential: credential
        ? {
            kind: credential.kind,
            settings: credential.settings,
            secretHints: credential.secretHints,
            updatedAt: credential.updatedAt,
          }
        : null,
    };
  });
  const configured = rows.filter((row) => row.credential).length;

  return (
    <>
      <PageHeader
        title="Provider credentials"
        description="Secrets are encrypted at rest, shown only by their last four characters after saving, and never logged or exported; platforms without credentials run against the simulated platform, and their results are labelled “simulated”."
      />
      <div className="flex flex-col gap-4">
        <p className="text-sm text-muted-foreground">
          {configured} of {rows.length} platforms {configured === 1 ? "has" : "have"} credentials.
        </p>
        {rows.map((row) => (
          <PlatformCredentials
            key={row.id}
            platform={row}
            saveCredential={saveCredentialAction}
            deleteCredential={deleteCredentialAction}
          />
        ))}
      </div>
    </>
  );
}
