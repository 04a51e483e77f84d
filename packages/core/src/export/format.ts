/** What a list can be read as besides JSON, and the media type of each. */
export const MEDIA_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export type Format = keyof typeof MEDIA_TYPES;
export const FORMATS = Object.keys(MEDIA_TYPES) as Format[];

/** The format an `Accept` header asks for, when it names one of ours before (or without) JSON. */
export function formatAccepted(accept: string | undefined): Format | undefined {
  if (!accept) return undefined;
  const ranges = accept
    .split(",")
    .map((range, index) => {
      const [type = "", ...params] = range.trim().toLowerCase().split(";");
      const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith("q="))?.slice(2) ?? 1);
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === "application/json" || type === "*/*" || type === "application/*") return undefined;
    const format = FORMATS.find((f) => MEDIA_TYPES[f].split(";")[0] === type);
    if (format) return format;
  }
  return undefined;
}
