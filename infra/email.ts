import { config } from "./settings";

/** The SES identity notices are sent from (verified once per stage). */
export const email = new sst.aws.Email("Email", { sender: config.settings.senderEmail });
