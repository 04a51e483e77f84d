/// <reference path="./.sst/platform/config.d.ts" />

/**
 * TESTEX on AWS. Each file of `infra/` is one concern; this file only lists
 * them. Production keeps its data and refuses `sst remove`; every other stage
 * is disposable. The stage's settings live in packages/stage/src/config.ts.
 */
export default $config({
  app(input) {
    const production = input?.stage === "production";
    return {
      name: "testex",
      home: "aws",
      removal: production ? "retain" : "remove",
      protect: production,
      // Pinned: a new provider version is a reviewed change, and offline installs need a fixed version.
      providers: { aws: { version: "7.20.0" } },
    };
  },
  async run() {
    // Order matters: access.ts narrows what links grant before any function is linked.
    const parts = [
      await import("./infra/access"),
      // Where the console is served comes first: sign-in, CORS and notice links derive from its URL.
      await import("./infra/router"),
      await import("./infra/email"),
      await import("./infra/auth"),
      await import("./infra/settings"),
      await import("./infra/storage"),
      await import("./infra/queue"),
      await import("./infra/webhooks"),
      await import("./infra/api"),
      await import("./infra/web"),
      await import("./infra/workers"),
      await import("./infra/jobs"),
      await import("./infra/health"),
      await import("./infra/alarms"),
    ];
    return Object.assign({}, ...parts.map((part) => ("outputs" in part ? part.outputs : {})));
  },
});
