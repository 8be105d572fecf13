/** The bytes of a base64 string (what the IPC contract carries) as a Blob of type `mime`. */
export function base64ToBlob(dataBase64: string, mime: string): Blob {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime || 'application/octet-stream' });
}

/**
 * Offers a file as a download under `fileName`. Not a new tab: a blob: document inherits the
 * renderer's content security policy (`object-src 'none'`), under which Chromium's PDF viewer
 * shows nothing; and Electron refuses new windows anyway.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
