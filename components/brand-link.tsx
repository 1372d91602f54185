import { Waypoints } from "lucide-react";
import Link from "next/link";

/** The product's mark and name, linking to the overview. */
export function BrandLink() {
  return (
    <Link
      href="/"
      className="flex items-center gap-2 rounded-md text-base font-semibold tracking-tight"
    >
      <Waypoints aria-hidden className="size-5 text-primary" />
      Crossbench
    </Link>
  );
}
