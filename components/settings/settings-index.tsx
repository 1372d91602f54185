import { ChevronRight, type LucideIcon } from "lucide-react";
import Link from "next/link";

export interface SettingsSection {
  href: string;
  title: string;
  description: string;
  icon: LucideIcon;
}

/** The Settings sections as a list of links, each saying what is done there. */
export function SettingsIndex({ sections }: { sections: readonly SettingsSection[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {sections.map(({ href, title, description, icon: Icon }) => (
        <li key={href}>
          <Link
            href={href}
            className="group flex h-full flex-col gap-3 rounded-xl border bg-card p-5 text-card-foreground shadow-xs transition-colors hover:border-primary/50 hover:bg-accent/40"
          >
            <span className="flex size-10 items-center justify-center rounded-full bg-accent text-accent-foreground">
              <Icon aria-hidden className="size-5" />
            </span>
            <span className="flex items-center gap-1 font-semibold">
              {title}
              <ChevronRight
                aria-hidden
                className="size-4 text-muted-foreground transition-transform group-hover:translate-x-0.5"
              />
            </span>
            <span className="text-sm text-muted-foreground">{description}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
