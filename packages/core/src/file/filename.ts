/**
 * Filenames come from users and are shown back to users; they never name an
 * object (keys are generated from ids). Sanitising is for display only: the
 * last path segment, no control or bidi-override characters, bounded length.
 */
const UNSAFE = /[\u0000-\u001F\u007F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function displayName(raw: string): string {
  const lastSegment = raw.split(/[\\/]/).pop() ?? "";
  const clean = lastSegment.replace(UNSAFE, "").replace(/\s+/g, " ").trim().replace(/^\.+/, "");
  return [...clean].slice(0, 200).join("") || "document";
}

/** `attachment` with the display name, ASCII fallback plus RFC 5987 UTF-8 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
