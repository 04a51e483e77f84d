import type { Hono } from "hono";

interface RoutePattern {
  method: string;
  pattern: RegExp;
}

/** Hono's `/api/contracts/:id` or `/docs/:script{regex}` as a regular expression for a whole path. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split(/(:\w+(?:\{[^}]*\})?|\*)/)
      .map((part) => {
        if (part === "*") return ".*";
        const param = /^:\w+(?:\{([^}]*)\})?$/.exec(part);
        if (param) return param[1] ? `(?:${param[1]})` : "[^/]+";
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("")}/?$`,
  );

/**
 * The methods the app serves at `path`, for the `Allow` header of a 405 (and
 * HEAD wherever GET is served, as Hono answers it). Built once, on the first
 * request that needs it.
 */
export function methodsAt(app: Hono<any, any, any>): (path: string) => string[] {
  let routes: RoutePattern[] | undefined;
  return (path) => {
    routes ??= app.routes.filter((route) => route.method !== "ALL").map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const methods = new Set(routes.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
