/** Every offered event goes to the webhook subscriptions that asked for it (webhook/fanout.ts). */
import { isOffered } from "../webhook/catalogue";
import { fanOut } from "../webhook/fanout";
import { subscribeAll } from "./registry";

subscribeAll((event) => (isOffered(event.type) ? [{ name: "webhooks", run: async () => void (await fanOut(event)) }] : []));
