/** What the processor runs: every registered effect of every event. */
import "./effects/index";

export { effectsOf, reportDead, type Dependencies } from "./effects/registry";
