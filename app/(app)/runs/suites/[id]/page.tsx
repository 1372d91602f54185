import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { formatDay } from "@/lib/format";
import { PageHeader } from "@/components/page-header";
import { SuiteCases } from "@/components/runs/suite-cases";
import { Button } from "@/components/ui/button";
import { hasRole } from "@/lib/schemas/roles";
import { getDb } from "@/lib/server/ops/db";
import { AppError } from "@/lib/server/domain/errors";
import { decodeRouteParam } from "@/lib/server/http/route-params";
import { requirePageCaller } from "@/lib/server/http/session";
import { getSuiteDetail } from "@/lib/server/domain/runs/suites";

export const metadata: Metadata = { title: "Suite" };

export default async function SuitePage({ params }: { params: Promise<{ id: string }> }) {
  const caller = await requirePageCaller("viewer");
  const id = decodeRouteParam((await params).id);
  if (id === null) notFound();
  const detail = await getSuiteDetail(caller, getDb(), id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { suite, cases } = detail;

  return (
    <>
      <PageHeader
        title={suite.name}
        description={suite.description || "A suite of test cases, stored as imported."}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Link href="/runs/suites" className="underline underline-offset-2">
          ← All suites
        </Link>
        <span className="text-muted-foreground">
          {suite.source === "builtin" ? "Built-in" : `Imported from ${suite.fileName ?? "a file"}`}{" "}
          · {suite.caseCount} cases · added {formatDay(suite.createdAt)}
          {suite.hasJudge ? " · needs a judge model" : ""}
        </span>
        {hasRole(caller.role, "operator") ? (
          <Button asChild size="sm">
            <Link href={`/runs/new?suite=${encodeURIComponent(suite.id)}`}>Run this suite</Link>
          </Button>
        ) : null}
      </div>
      <SuiteCases
        rows={cases.map((testCase) => ({
          id: testCase.id,
          category: testCase.category,
          prompt: testCase.messages.filter((m) => m.role === "user").at(-1)?.content ?? "",
          reference: testCase.reference,
          assertions: testCase.assertions.map((a) => `${a.negate ? "not-" : ""}${a.type}`),
        }))}
      />
    </>
  );
}
