import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";

import { cn } from "@/components/ui/cn";

const alertVariants = cva(
  "flex gap-3 rounded-lg border px-4 py-3 text-sm [&_a]:font-medium [&_a]:underline [&_a]:underline-offset-2 [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0",
  {
    variants: {
      variant: {
        info: "border-primary/30 bg-accent text-accent-foreground [&>svg]:text-primary",
        error: "border-destructive/40 bg-destructive/10 text-foreground [&>svg]:text-destructive",
        success: "border-primary/30 bg-card text-card-foreground [&>svg]:text-primary",
      },
    },
    defaultVariants: { variant: "info" },
  },
);

export interface AlertProps extends ComponentProps<"div">, VariantProps<typeof alertVariants> {}

/** A message box. It has no role of its own: put it inside a live region when it should be announced. */
export function Alert({ className, variant, ...props }: AlertProps) {
  return <div data-slot="alert" className={cn(alertVariants({ variant }), className)} {...props} />;
}
