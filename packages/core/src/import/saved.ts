/**
 * Mappings kept by name: a team imports the same kind of file again and
 * again, so the columns, the date format and the decimal mark are declared
 * once and named (the API, the CLI and the console pass the name).
 */
import * as v from "valibot";
import { currentActor } from "../context";
import { ImportMappingEntity } from "./entity";
import { DomainError } from "../error";
import { recordChange } from "../outbox/change";
import { parse } from "../validation";
import { Mapping } from "./mapping";

export const MappingName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "Name the mapping"),
  v.maxLength(100),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "Expected letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit"),
);

export const SavedMapping = v.object({
  name: v.string(),
  mapping: Mapping,
  updated_by: v.string(),
  created_at: v.string(),
  updated_at: v.string(),
});
export type SavedMapping = v.InferOutput<typeof SavedMapping>;

const trail = (name: string) => `import-mapping:${name}`;

const present = ({ name, mapping, updated_by, created_at, updated_at }: { name: string; mapping: unknown; updated_by: string; created_at: string; updated_at: string }): SavedMapping => ({
  name,
  mapping: parse(Mapping, mapping),
  updated_by,
  created_at,
  updated_at,
});

const notFound = (name: string) => new DomainError("import_mapping.not_found", `No mapping is saved as "${name}".`);

/** Saves `mapping` as `name`, replacing what was saved so before; says whether it is new. */
export async function save(rawName: string, raw: unknown): Promise<{ mapping: SavedMapping; created: boolean }> {
  const name = parse(MappingName, rawName);
  const mapping = parse(Mapping, raw);
  const now = new Date().toISOString();
  const { data: before } = await ImportMappingEntity.get({ name }).go({ consistent: true });
  const item = { name, scope: "mappings", mapping, updated_by: currentActor().id, created_at: before?.created_at ?? now, updated_at: now };
  await recordChange({
    trail: trail(name),
    entity: "import_mapping",
    entity_id: name,
    action: before ? "import_mapping.updated" : "import_mapping.created",
    before: before?.mapping,
    after: mapping,
    at: now,
    entities: { importMapping: ImportMappingEntity },
    writes: ({ importMapping }) => [
      importMapping
        .put(item)
        .where((attr, { eq, notExists }) => (before ? eq(attr.updated_at, before.updated_at) : notExists(attr.updated_at)))
        .commit(),
    ],
    explain: () => new DomainError("version.conflict", `The mapping "${name}" was saved by someone else at the same moment; save it again.`),
  });
  return { mapping: present(item), created: !before };
}

export async function get(rawName: string): Promise<SavedMapping> {
  const name = parse(MappingName, rawName);
  const { data } = await ImportMappingEntity.get({ name }).go({ consistent: true });
  if (!data) throw notFound(name);
  return present(data);
}

/** Every saved mapping, by name. */
export async function list(): Promise<SavedMapping[]> {
  const { data } = await ImportMappingEntity.query.all({ scope: "mappings" }).go({ pages: "all" });
  return data.map(present).sort((a, b) => a.name.localeCompare(b.name));
}

export async function remove(rawName: string): Promise<void> {
  const name = parse(MappingName, rawName);
  const { data: before } = await ImportMappingEntity.get({ name }).go({ consistent: true });
  if (!before) throw notFound(name);
  await recordChange({
    trail: trail(name),
    entity: "import_mapping",
    entity_id: name,
    action: "import_mapping.deleted",
    before: before.mapping,
    entities: { importMapping: ImportMappingEntity },
    writes: ({ importMapping }) => [importMapping.delete({ name }).where((attr, { eq }) => eq(attr.updated_at, before.updated_at)).commit()],
    explain: () => new DomainError("version.conflict", `The mapping "${name}" changed at the same moment; look at it again before deleting it.`),
  });
}
