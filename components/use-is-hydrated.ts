import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False during server rendering and hydration, true afterwards. A control whose behaviour lives in
 * React (a submit button whose form has no `action`) stays disabled until then: otherwise a click,
 * or Enter in a field, before hydration submits the form natively as a GET to the same page, with
 * every field (a password too) in the URL.
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
