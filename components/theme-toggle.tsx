"use client";

import { Monitor, Moon, Sun, SunMoon, type LucideIcon } from "lucide-react";
import { useTheme } from "next-themes";

import { Button } from "@/components/ui/button";
import { useIsHydrated } from "@/components/use-is-hydrated";

type ThemeChoice = "system" | "light" | "dark";

const themeChoices: Record<ThemeChoice, { label: string; icon: LucideIcon; next: ThemeChoice }> = {
  system: { label: "system", icon: Monitor, next: "light" },
  light: { label: "light", icon: Sun, next: "dark" },
  dark: { label: "dark", icon: Moon, next: "system" },
};

function isThemeChoice(value: string | undefined): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark";
}

/** Cycles the colour theme: system, light, dark. */
export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const isHydrated = useIsHydrated();

  // The stored choice is only readable in the browser; render a neutral button until then.
  if (!isHydrated || !isThemeChoice(theme)) {
    return (
      <Button variant="ghost" size="icon" aria-label="Colour theme" disabled>
        <SunMoon aria-hidden />
      </Button>
    );
  }

  const current = themeChoices[theme];
  const next = themeChoices[current.next];
  const label = `Colour theme: ${current.label}. Switch to ${next.label}`;
  const Icon = current.icon;

  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={label}
      title={label}
      onClick={() => setTheme(current.next)}
    >
      <Icon aria-hidden />
    </Button>
  );
}
