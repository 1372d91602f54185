/**
 * Opens `path` with a full page load after the signed-in user changed (sign-in, sign-out, first
 * password). Client-side navigation can reuse router-cache entries fetched as the previous user:
 * a prefetch of "/" made on the sign-in page is cached as a redirect to /sign-in, and
 * `router.replace("/")` after signing in then bounced between the two pages. A full load starts
 * from an empty cache with the new session cookie. `replace` keeps the form out of the history.
 */
export function openAsNewSession(path: string): void {
  window.location.replace(path);
}
