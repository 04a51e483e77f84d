/**
 * Contracts from a spreadsheet (CSV or XLSX): each row planned (dry run) or
 * applied as a new contract, an update of the contract it names, or nothing,
 * with each refusal in the words of the API's 422s. Rows are streamed, 50 at
 * a time; a row once created is claimed in its contract's transaction, so the
 * same file again, or again after a crash, creates nothing twice.
 */
export { ImportJobEntity, ImportMappingEntity, ImportRefEntity, ImportRefusalEntity, ImportUploadEntity } from "./entity";
export { DATE_FORMATS, FIELDS, Mapping, type MappingInput } from "./mapping";
export { KINDS, kindOf, type Kind } from "./read";
export { RowReport } from "./row";
export { Events } from "./events";
export * as Job from "./job";
export * as Mappings from "./saved";
export { digestOf, Report, run, Summary, type Options, type Progress, type Window } from "./run";
