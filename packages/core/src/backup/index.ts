export { exportTable, listExports, readManifest, type ExportOptions, type ExportResult } from "./export";
export { openExport, readExport } from "./read";
export { restoreContract, restoreTable, type RestoreContractOptions, type RestoreContractResult, type RestoreTableOptions } from "./restore";
export { Manifest, type Part } from "./manifest";
export { backupsBucket } from "./bucket";
