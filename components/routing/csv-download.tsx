"use client";

import { Download } from "lucide-react";

import { Button } from "@/components/ui/button";

/** Downloads prepared CSV text, built in the browser on click (no second request). */
export function CsvDownload({
  csv,
  fileName,
  label,
}: {
  csv: string;
  fileName: string;
  label: string;
}) {
  function download() {
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
  return (
    <Button variant="outline" size="sm" onClick={download}>
      <Download aria-hidden />
      {label}
    </Button>
  );
}
