import { Events } from "../backup/events";
import * as File from "../file";
import { subscribe } from "./registry";

/** A restored contract's documents come back to the files bucket. */
subscribe(Events.Restored, ({ contract }) => [{ name: "return-documents", run: async () => void (await File.returnContract(contract.contract_id)) }]);
