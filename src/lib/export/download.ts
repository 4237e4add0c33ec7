/** Hands `parts` to the browser as a file download (no server involved; the blob URL is revoked after). */
export function downloadFile(fileName: string, parts: readonly BlobPart[], type = 'application/x-ndjson'): void {
	const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
