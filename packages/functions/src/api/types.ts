import type { Actor } from "@testex/core";

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor;
  };
}
