/**
 * A dynamic route parameter, decoded once; null when it is not valid percent-encoding or decodes
 * to a control character (PostgreSQL cannot even compare a NUL). The caller answers as it does for
 * any unknown id (404), never with the URIError a bare decodeURIComponent would throw (500).
 */
export function decodeRouteParam(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return /[\u0000-\u001f\u007f]/.test(decoded) ? null : decoded;
}
