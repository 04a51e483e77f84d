import { Resource } from "sst";
import type { StoredFile } from "./entity";
import type { Location } from "../object-store";

/** How long a granted upload stays valid. */
export const UPLOAD_URL_SECONDS = 300;

/** Object keys come from ids only: a filename can never reach another contract's (or any other) key. */
export const objectKey = (contractId: string, fileId: string) => `contracts/${contractId}/${fileId}`;

const KEY = /^contracts\/(CT[0-9A-Z]{4,32})\/(FI[0-9A-Z]{4,32})$/;

/** The ids a key was made from, or null for a key outside the layout. */
export function idsOfKey(key: string): { contract_id: string; file_id: string } | null {
  const match = KEY.exec(key);
  return match ? { contract_id: match[1]!, file_id: match[2]! } : null;
}

export const inFiles = (file: StoredFile): Location => ({ bucket: Resource.Files.name, key: file.object_key });
export const inArchives = (file: StoredFile): Location => ({ bucket: Resource.Archives.name, key: file.object_key });
export const inBackups = (file: StoredFile): Location => ({ bucket: Resource.Backups.name, key: file.object_key });
