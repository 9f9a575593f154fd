import { ApiError, type Problem, SESSION_ENDED } from '../api.ts';

/**
 * POSTs JSON like api.ts does, but through XMLHttpRequest, whose upload.onprogress reports how much
 * of a large body (a cost CSV of tens of megabytes) has been sent; fetch cannot tell.
 */
export function postWithProgress<T>(
  path: string,
  body: unknown,
  options: { csrfToken: string | null; onProgress: (sent: number, total: number) => void },
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    if (options.csrfToken) request.setRequestHeader('x-csrf-token', options.csrfToken);
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded, event.total);
    };
    request.onerror = () => reject(new Error(request.statusText || 'network error'));
    request.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        parsed = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(parsed as T);
        return;
      }
      if (request.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
      const problem =
        parsed && typeof parsed === 'object'
          ? ({ status: request.status, ...(parsed as object) } as Problem)
          : { status: request.status };
      reject(new ApiError(request.status, problem));
    };
    request.send(JSON.stringify(body));
  });
}

/**
 * The text of a chosen CSV file. Ad cabinets export UTF-8, but Excel on Russian Windows saves
 * Windows-1251: text that is not valid UTF-8 is read as that.
 */
export async function readCsvFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/** Enough of a large file for a preview: its first lines (the server reads 20 data rows). */
export const PREVIEW_LINES = 60;
export const PREVIEW_WHOLE_FILE_BELOW = 512 * 1024;

export function previewTextOf(text: string): { text: string; partial: boolean } {
  if (text.length < PREVIEW_WHOLE_FILE_BELOW) return { text, partial: false };
  return { text: text.split(/\r?\n/, PREVIEW_LINES).join('\n'), partial: true };
}
