/** What the processor and the scheduler run: every registered effect and job. */
import "./effects/index";

export { effectsOf, reportDead, jobs, type Dependencies } from "./effects/registry";
