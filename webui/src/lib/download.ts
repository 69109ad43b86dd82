import { env } from '@/config/env';

import { accessToken } from './access-token';
import { ApiError } from './api-client';

/**
 * Downloads a file from the API with the bearer token: a plain link cannot carry the
 * Authorization header, so the file is fetched into a blob and handed to the browser as an
 * object URL. Errors are ApiErrors, read like any other request's.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const blob = await fetchBlob(path);
  const name = blob.name ?? fallbackName;
  const url = URL.createObjectURL(blob.blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the blob to the download manager; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return name;
}

async function fetchBlob(path: string): Promise<{ blob: Blob; name: string | undefined }> {
  let token = accessToken.get();
  for (let attempt = 0; ; attempt += 1) {
    const headers: Record<string, string> = {};
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    let response: Response;
    try {
      response = await fetch(`${env.apiUrl}${path}`, { headers });
    } catch (error) {
      throw new ApiError({
        kind: 'network',
        method: 'GET',
        path,
        message: `Could not reach the server for GET ${path}; check the network connection.`,
        cause: error,
      });
    }
    if (response.status === 401 && token && attempt === 0) {
      token = await accessToken.renew(token);
      if (token) {
        continue;
      }
    }
    if (!response.ok) {
      const text = await response.text();
      let detail: string | undefined;
      try {
        const problem = JSON.parse(text) as { title?: string; detail?: string };
        detail = [problem.title, problem.detail].filter(Boolean).join(': ');
      } catch {
        detail = text.trim().slice(0, 300) || undefined;
      }
      throw new ApiError({
        kind: 'http',
        method: 'GET',
        path,
        status: response.status,
        detail,
        message: detail ? `The download failed: ${detail}` : `The download failed: HTTP ${response.status}.`,
      });
    }
    return { blob: await response.blob(), name: filenameFrom(response.headers.get('Content-Disposition')) };
  }
}

/** The filename of a Content-Disposition header (RFC 6266), preferring the UTF-8 form. */
export function filenameFrom(header: string | null): string | undefined {
  if (!header) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent((extended[1] ?? '').trim());
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  return plain ? (plain[2] ?? plain[1] ?? '').trim() : undefined;
}
