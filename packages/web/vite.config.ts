import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The console is a static site: everything it needs to know about its stage
 * (API URL, OpenID issuer and client) is fixed at build time through
 * `VITE_API_URL`, `VITE_OIDC_ISSUER` and `VITE_OIDC_CLIENT_ID`.
 */
export default defineConfig({
  plugins: [react()],
  // The budget that matters is first-load JS gzipped (npm run bench, ≤ 200 KB); minified, the shell is near 400 KB.
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 450 },
});
