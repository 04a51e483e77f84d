import { CONSOLE_DEV_PORT, stageConfig } from "@testex/stage/config";

/**
 * Where the console is served, known before anything is built: the stage's
 * router (a CloudFront distribution, on the stage's domain where it has one).
 * Under `sst dev` the console runs on the developer's machine instead, on the
 * port `npm start` uses. Sign-in callbacks, the API's and the files bucket's
 * CORS and the links in notices all come from this one URL.
 */
const config = stageConfig($app.stage);

/*
 * The console's response headers policy names the API and the issuer in its
 * CSP, and those are made after the router (they take their CORS and
 * callbacks from its URL). So the router takes the policy's id as a promise
 * that infra/web.ts fulfils, with an output, as soon as it has made it.
 */
let fulfilHeadersPolicy: (id: $util.Output<string>) => void = () => {};
const headersPolicyId = $util.output(new Promise<$util.Output<string>>((resolve) => (fulfilHeadersPolicy = resolve)));
/** Puts the console's security headers on every response of the router's distribution. */
export const useConsoleHeadersPolicy = (id: $util.Output<string>) => fulfilHeadersPolicy(id);

export const router = $dev
  ? undefined
  : new sst.aws.Router("ConsoleRouter", {
      domain: config.web.domain ? { name: config.web.domain, dns: sst.aws.dns() } : undefined,
      transform: {
        cdn: (args) => {
          args.defaultCacheBehavior = $util
            .all([args.defaultCacheBehavior, headersPolicyId])
            .apply(([behavior, responseHeadersPolicyId]) => ({ ...behavior, responseHeadersPolicyId }));
        },
      },
    });

export const consoleUrl: $util.Output<string> = router
  ? router.url.apply((url) => url.replace(/\/+$/, ""))
  : $util.output(`http://localhost:${CONSOLE_DEV_PORT}`);

/** Who may call the API and upload files from a browser: the console, and any origin the stage adds. */
export const corsOrigins = consoleUrl.apply((url) => [url, ...config.settings.corsOrigins]);

/** `Resource.Web.url`: notices link people to the console's pages. */
export const webLink = new sst.Linkable("Web", { properties: { url: consoleUrl } });

export const outputs = { web: consoleUrl };
