/** The file's SHA-256 in hex, as upload grants ask for it (S3 checks the bytes against it). */
export async function sha256(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** PUTs the file to the presigned URL, reporting progress (fetch cannot report an upload's progress). */
export function put(upload: { method: string; url: string; headers: Record<string, string> }, file: File, onProgress: (fraction: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new Error(`The upload was refused (${request.status}).`)));
    request.onerror = () => reject(new Error("The upload could not reach storage."));
    request.send(file);
  });
}
