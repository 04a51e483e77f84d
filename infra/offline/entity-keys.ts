import { readdirSync } from "node:fs";
import path from "node:path";
import type { KeyShape } from "./rules";

interface IndexDefinition {
  index?: string;
  pk: { field: string };
  sk?: { field: string };
}

/**
 * The physical keys every ElectroDB entity of packages/core declares, read
 * from the entity files themselves (not entities.ts, which needs live links).
 */
export async function entityKeyShape(
  root: string,
): Promise<{ shape: Omit<KeyShape, "ttlAttribute">; conflicts: string[] }> {
  const core = path.join(root, "packages/core/src");
  const files = readdirSync(core, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(path.join(core, dir.name))
        .filter((f) => f === "entity.ts")
        .map((f) => path.join(core, dir.name, f)),
    );
  const shape: Omit<KeyShape, "ttlAttribute"> = { primary: { hashKey: "" }, globalIndexes: {} };
  const conflicts: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const module: Record<string, unknown> = await import(file);
    for (const [exported, value] of Object.entries(module)) {
      const indexes = (value as { schema?: { indexes?: Record<string, IndexDefinition> } })?.schema?.indexes;
      if (!indexes) continue;
      for (const definition of Object.values(indexes)) {
        const keys = { hashKey: definition.pk.field, rangeKey: definition.sk?.field };
        const name = definition.index ?? "(primary)";
        const signature = `${keys.hashKey}/${keys.rangeKey}`;
        if (seen.has(name) && seen.get(name) !== signature) {
          conflicts.push(`${exported} uses ${name} as ${signature}, others as ${seen.get(name)}`);
        }
        seen.set(name, signature);
        if (definition.index) shape.globalIndexes[definition.index] = keys;
        else shape.primary = keys;
      }
    }
  }
  return { shape, conflicts };
}
