import type { ReactNode } from "react";

import { StandaloneFrame } from "@/components/standalone-frame";

export default function SignInLayout({ children }: { children: ReactNode }) {
  return <StandaloneFrame>{children}</StandaloneFrame>;
}
