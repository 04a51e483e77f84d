/**
 * Uses of APIs that SST or the AWS provider mark `@deprecated`, found by the
 * TypeScript language service over sst.config.ts and infra/ (the editor's
 * strike-through). tsc compiles them without a word; a later version removes them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { root } from "./install";

/** `extra` adds files (name relative to infra/, and text) to check beside the real ones. */
export function deprecatedUses(extra: Record<string, string> = {}): string[] {
  const configPath = path.join(root, "infra", "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configPath));
  const added = new Map(Object.entries(extra).map(([name, text]) => [path.join(root, "infra", name), text]));
  const projectFiles = parsed.fileNames.filter((f) => !f.includes(`${path.sep}.sst${path.sep}`));
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => [...parsed.fileNames, ...added.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = added.get(file) ?? (ts.sys.fileExists(file) ? readFileSync(file, "utf8") : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => added.has(file) || ts.sys.fileExists(file),
    readFile: (file) => added.get(file) ?? ts.sys.readFile(file),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  const uses: string[] = [];
  for (const file of [...projectFiles, ...added.keys()]) {
    for (const d of service.getSuggestionDiagnostics(file)) {
      if (!d.reportsDeprecated || !d.file || d.start === undefined) continue;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      uses.push(`${path.relative(root, file)}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    }
  }
  return uses;
}
