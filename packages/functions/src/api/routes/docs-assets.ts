import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The documentation page is Swagger UI from the `swagger-ui-dist` package,
 * served by the API itself (no CDN). Its files are read from disk on first
 * request, never bundled: the Lambda ships the package beside its bundle
 * (SST `nodejs.install`), so the API's JavaScript stays small.
 */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>TESTEX API</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs.js"></script>
  </body>
</html>
`;

// A separate file rather than an inline script, so the CSP can forbid inline scripts.
const START = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
`;

export const DOCS_SCRIPTS = ["swagger-ui-bundle.js", "docs.js"] as const;

const cache = new Map<string, string>();

async function fromPackage(file: string): Promise<string> {
  let text = cache.get(file);
  if (text === undefined) {
    const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    // The bundle ends with a source-map comment for a map we do not serve.
    text = (await readFile(join(dir, file), "utf8")).replace(/\n\/[/*]# sourceMappingURL=.*$/m, "\n");
    cache.set(file, text);
  }
  return text;
}

export const docsScript = async (name: (typeof DOCS_SCRIPTS)[number]) => (name === "docs.js" ? START : fromPackage(name));
export const docsStyles = () => fromPackage("swagger-ui.css");
