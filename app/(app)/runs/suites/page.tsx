import type { Metadata } from "next";
import Link from "next/link";

import { importSuiteAction } from "../actions";
import { formatDay } from "@/lib/format";
import { PageHeader } from "@/components/page-header";
import { SuiteImportForm } from "@/components/runs/suite-import-form";
import { SuitesTable } from "@/components/runs/suites-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasRole } from "@/lib/schemas/roles";
import { getDb } from "@/lib/server/ops/db";
import { requirePageCaller } from "@/lib/server/http/session";
import { ensureBuiltinSuites, listSuites } from "@/lib/server/domain/runs/suites";

export const metadata: Metadata = { title: "Suites" };

export default async function SuitesPage() {
  const caller = await requirePageCaller("viewer");
  const db = getDb();
  await ensureBuiltinSuites(db);
  const suites = await listSuites(caller, db);
  const canImport = hasRole(caller.role, "operator");

  return (
    <>
      <PageHeader
        title="Suites"
        description="The test cases a run sends to every target. Suites never change once stored: importing new content makes a new version, and a run always reads the cases it ran."
      />
      <p className="text-sm">
        <Link href="/runs" className="underline underline-offset-2">
          ← All runs
        </Link>
      </p>
      <section aria-labelledby="suites-heading" className="flex flex-col gap-3">
        <h2 id="suites-heading" className="text-lg font-semibold">
          Suites ({suites.length})
        </h2>
        <SuitesTable
          canLaunch={canImport}
          rows={suites.map((suite) => ({
            id: suite.id,
            name: suite.name,
            description: suite.description,
            source: suite.source,
            format: suite.format,
            caseCount: suite.caseCount,
            categories: suite.categories,
            hasJudge: suite.hasJudge,
            createdAt: formatDay(suite.createdAt),
          }))}
        />
      </section>
      {canImport ? (
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h2 className="text-lg">Import a suite</h2>
            </CardTitle>
            <CardDescription>
              Nothing is stored unless every case is valid; each problem is listed with its file and
              line.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SuiteImportForm importSuite={importSuiteAction} />
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">
          Operators and admins can import suites (JSONL, CSV or promptfoo YAML).
        </p>
      )}
    </>
  );
}
